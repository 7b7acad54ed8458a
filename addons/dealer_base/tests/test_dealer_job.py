"""Background jobs: batch by batch, each batch all or nothing, a killed batch redone by the next run."""

from unittest.mock import patch

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DealerCase
from .concurrency import ConcurrentCase

BATCHES = 3


class Killed(BaseException):
    """The worker's process dies: nothing catches it, the transaction is lost."""


def _counting_step(self, job):
    """A job of BATCHES batches appending one mark per batch to the partner's reference."""
    done = job.progress_done + 1
    self.ref = (self.ref or "") + f"[{done}]"
    job.write({"progress_done": done, "progress_total": BATCHES})
    return done >= BATCHES


class TestDealerJob(DealerCase):
    def _job(self, user=None):
        partner = self.env["res.partner"].create({"name": "Job target"})
        job = self.env["dealer.job"].with_user(user or self.portal_a)._dealer_job_create("Count", partner)
        return job, partner

    def _run(self, times=1):
        for _i in range(times):
            self.env["dealer.job"]._cron_process()

    def test_creating_a_job_wakes_up_the_cron(self):
        cron = self.env.ref("dealer_base.ir_cron_dealer_job")
        before = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self._job()
        self.assertEqual(self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), before + 1)

    def test_job_runs_one_batch_per_run_until_done(self):
        job, partner = self._job()
        self.assertEqual(job.state, "queued")
        with patch.object(type(partner), "_dealer_job_step", _counting_step, create=True):
            self._run()
            self.assertEqual((job.state, job.progress_done, job.progress), ("running", 1, 33))
            self._run(2)
        self.assertEqual((job.state, job.progress, partner.ref), ("done", 100, "[1][2][3]"))
        self.assertEqual(job.user_id, self.portal_a)

    def test_a_user_error_fails_the_job_and_keeps_nothing_of_its_batch(self):
        job, partner = self._job()

        message = "刷新失败"

        def step(self, job):
            self.ref = "half"
            raise UserError(message)

        with patch.object(type(partner), "_dealer_job_step", step, create=True):
            self._run()
        self.assertEqual((job.state, job.error), ("failed", "刷新失败"))
        self.assertFalse(partner.ref)

    def test_an_unexpected_error_is_retried_then_fails_the_job(self):
        job, partner = self._job()

        def step(self, job):
            self.ref = "half"
            raise ValueError("bug")

        with (
            patch.object(type(partner), "_dealer_job_step", step, create=True),
            mute_logger("odoo.addons.dealer_base.models.dealer_job"),
        ):
            self._run()
            self.assertEqual((job.state, job.attempts), ("running", 1))
            self._run(2)
        self.assertEqual(job.state, "failed")
        self.assertFalse(partner.ref)

    def test_a_failed_undo_keeps_the_job_failed_with_its_reason_and_never_runs_it_again(self):
        job, partner = self._job()
        partner.ref = "before"

        message = "文件有误"

        def step(self, job):
            raise UserError(message)

        def undo(self, job):
            self.ref = "half undone"
            raise ValueError("the cart was confirmed meanwhile")

        with (
            patch.object(type(partner), "_dealer_job_step", step, create=True),
            patch.object(type(partner), "_dealer_job_failed", undo, create=True),
            mute_logger("odoo.addons.dealer_base.models.dealer_job"),
        ):
            self._run()
            self.assertEqual(job.state, "failed")
            self.assertIn("文件有误", job.error)
            self.assertIn("could not be taken back", job.error)
            self.assertEqual(partner.ref, "before", "nothing of the broken undo is kept")
            with patch.object(type(job), "_dealer_job_run_batch") as run_batch:
                self._run(2)
        run_batch.assert_not_called()  # a failed job is never picked up again

    def test_a_user_sees_only_the_jobs_they_started(self):
        job, _partner = self._job(self.portal_a)
        self.assertEqual(self.env["dealer.job"].with_user(self.portal_a).search([("id", "=", job.id)]), job)
        self.assertFalse(self.env["dealer.job"].with_user(self.portal_b).search([("id", "=", job.id)]))
        with self.assertRaises(AccessError):
            job.with_user(self.portal_b).read(["state"])
        with self.assertRaises(AccessError):
            job.with_user(self.sales_a).read(["state"])
        with self.assertRaises(AccessError):
            job.with_user(self.portal_a).write({"state": "done"})
        self.assertEqual(job.with_user(self.manager).read(["state"])[0]["state"], "queued")

    def test_nobody_can_point_a_job_at_another_method(self):
        # The runner calls the job's method as the superuser: no group may write a job, and a
        # job naming anything but a job step is failed, never run.
        job, partner = self._job(self.portal_a)
        for user in (self.portal_a, self.sales_a, self.manager):
            with self.assertRaises(AccessError):
                job.with_user(user).write({"method": "_dealer_job_step"})
        with self.assertRaises(ValueError):
            self.env["dealer.job"]._dealer_job_create("Count", partner, method="unlink")
        job.sudo().write({"res_model": "res.partner", "method": "_compute_display_name"})
        with mute_logger("odoo.addons.dealer_base.models.dealer_job"):
            self._run()
        self.assertEqual(job.state, "failed")
        self.assertTrue(partner.exists())


@tagged("post_install", "-at_install")
class TestDealerJobKilled(ConcurrentCase):
    """A worker dies in the middle of a batch: committed data only, in real transactions."""

    def setUp(self):
        super().setUp()

        def prepare(env):
            partner = env["res.partner"].create({"name": "Killed job target"})
            job = env["dealer.job"]._dealer_job_create("Count", partner)
            return partner.id, job.id

        self.partner_id, self.job_id = self.committed(prepare)
        self.addCleanup(self.committed, self._cleanup)

    def _cleanup(self, env):
        env["dealer.job"].browse(self.job_id).unlink()
        env["res.partner"].browse(self.partner_id).unlink()

    def _state(self, env):
        job = env["dealer.job"].browse(self.job_id)
        return job.state, job.progress_done, env["res.partner"].browse(self.partner_id).ref or ""

    def _run_only_this_job(self, env):
        """What _cron_process does, for this test's job only (the database may hold others)."""
        env.cr.execute("SELECT id FROM dealer_job WHERE id = %s FOR UPDATE SKIP LOCKED", [self.job_id])
        if not env.cr.fetchone():
            return False
        env["dealer.job"].browse(self.job_id)._dealer_job_run_batch()
        return True

    def test_a_worker_killed_mid_batch_leaves_nothing_and_the_next_run_finishes_the_job(self):
        test = self
        seen_meanwhile = {}

        def dying_step(self, job):
            done = job.progress_done + 1
            self.ref = (self.ref or "") + f"[{done}]"
            job.write({"progress_done": done, "progress_total": BATCHES})
            self.env.flush_all()
            if done == 2 and not seen_meanwhile:
                # Meanwhile, another worker: the job is locked (skipped) and the half batch invisible.
                with odoo.sql_db.db_connect(test.env.cr.dbname).cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    seen_meanwhile["picked"] = test._run_only_this_job(env)
                    seen_meanwhile["state"] = test._state(env)
                    cr.rollback()
                raise Killed()
            return done >= BATCHES

        with patch.object(type(self.env["res.partner"]), "_dealer_job_step", dying_step, create=True):
            self.assertTrue(self.committed(self._run_only_this_job))
            with self.assertRaises(Killed):
                self.committed(self._run_only_this_job)
            self.assertEqual(seen_meanwhile, {"picked": False, "state": ("running", 1, "[1]")})
            self.assertEqual(self.committed(self._state), ("running", 1, "[1]"), "nothing of the killed batch")
            for _i in range(2):
                self.committed(self._run_only_this_job)
        self.assertEqual(self.committed(self._state), ("done", 3, "[1][2][3]"))
