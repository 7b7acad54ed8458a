"""The back office's settlement runs as a background job: a batch of dealers per transaction."""

from datetime import date
from unittest.mock import patch

from odoo import Command

from .common import RebateCase


class Killed(BaseException):
    """The worker's process dies in the middle of a batch."""


class TestRebateSettleJob(RebateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealers = cls.dealer_a | cls.dealer_b
        for index in range(2):
            cls.dealers |= cls._create_dealer(f"TJ0{index}", f"Dealer J{index}", cls.sales_a)
        cls.program.dealer_ids = [Command.set(cls.dealers.ids)]
        for dealer in cls.dealers:
            cls._invoice(dealer, 150000, date(2025, 2, 1))
        cls.env["ir.config_parameter"].sudo().set_param("dealer_rebate.settle_batch_size", 2)

    def _settlements(self):
        return self.env["dealer.rebate.settlement"].search([("program_id", "=", self.program.id)])

    def test_the_button_queues_a_job_and_settles_nothing_in_the_request(self):
        action = self.program.with_user(self.manager).action_settle()
        self.assertEqual(action["tag"], "display_notification")
        job = self.program.settle_job_id
        self.assertEqual(
            (job.state, job.user_id, job.method), ("queued", self.manager, "_dealer_rebate_settle_job_step")
        )
        self.assertFalse(self._settlements())
        self.program.with_user(self.manager).action_settle()
        self.assertEqual(self.program.settle_job_id, job, "one job at a time per program")

    def test_the_job_settles_a_batch_of_dealers_per_run_with_progress(self):
        self.program.with_user(self.manager).action_settle()
        job = self.program.settle_job_id
        job._dealer_job_run_batch()
        self.assertEqual((job.state, job.progress_done, job.progress_total), ("running", 2, 4))
        self.assertEqual(len(self._settlements()), 2)
        self.assertEqual(self.program.settle_job_progress, 50)
        job._dealer_job_run_batch()
        self.assertEqual((job.state, job.progress), ("done", 100))
        self.assertEqual(self._settlements().dealer_id, self.dealers)
        for dealer in self.dealers:
            self.assertEqual(len(self._credit_notes(dealer)), 1, dealer.name)

    def test_a_job_killed_mid_batch_keeps_the_batches_before_and_settles_each_dealer_once(self):
        self.program.with_user(self.manager).action_settle()
        job = self.program.settle_job_id
        job._dealer_job_run_batch()
        Program = type(self.program)
        original = Program._settle_accruals

        def settle_then_die(program, accruals, adjustments):
            original(program, accruals, adjustments)
            raise Killed()

        with patch.object(Program, "_settle_accruals", settle_then_die), self.assertRaises(Killed):
            job._dealer_job_run_batch()
        self.env.invalidate_all()
        self.assertEqual(len(self._settlements()), 2, "nothing of the killed batch")
        self.assertEqual(job.progress_done, 2)
        job._dealer_job_run_batch()
        self.assertEqual(job.state, "done")
        for dealer in self.dealers:
            self.assertEqual(len(self._credit_notes(dealer)), 1, dealer.name)

    def test_nothing_to_settle_fails_the_job_with_a_message(self):
        self.program.with_user(self.manager).action_settle()
        job = self.program.settle_job_id
        job._dealer_job_run_batch()
        job._dealer_job_run_batch()
        self.program.with_user(self.manager).action_settle()
        again = self.program.settle_job_id
        self.assertNotEqual(again, job)
        again._dealer_job_run_batch()
        self.assertEqual(again.state, "failed")
        self.assertIn("Nothing to settle", again.error)
        self.assertEqual(self.program.settle_job_state, "failed")
