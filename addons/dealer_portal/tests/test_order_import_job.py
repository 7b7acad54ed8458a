"""A large order file is added to the cart by a background job, batch by batch, never half kept."""

import re
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .order_input_common import OrderInputCase


class Killed(BaseException):
    """The worker's process dies in the middle of a batch."""


class OrderImportJobCase(OrderInputCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("dealer_portal.import_job_min_rows", 4)
        params.set_param("dealer_portal.import_job_batch_rows", 2)
        cls.codes = [f"T-BULK-{n:03d}" for n in range(5)]

    def _preview(self, rows=None):
        data = self._xlsx(rows or [(code, 1) for code in self.codes])
        env = self.env(user=self.portal_a, su=True)
        return env["dealer.order.import"]._dealer_portal_create_preview(self.dealer_a, "big.xlsx", data)

    def _queue(self, cart=None):
        preview = self._preview()
        self.assertTrue(preview._dealer_portal_apply_in_background())
        self.assertTrue(preview._dealer_portal_lock_pending())
        return preview, preview._dealer_portal_apply_queue(cart or self._cart())

    def _run(self, job, times=1):
        for _i in range(times):
            job._dealer_job_run_batch()


class TestOrderImportJob(OrderImportJobCase):
    def test_small_file_is_added_in_the_request(self):
        preview = self._preview([("T-KETTLE", 1), ("T-BULK-001", 2)])
        self.assertFalse(preview._dealer_portal_apply_in_background())

    def test_large_file_is_added_batch_by_batch_and_the_cart_cannot_be_submitted_meanwhile(self):
        cart = self._cart()
        preview, job = self._queue(cart)
        self.assertEqual((job.state, job.progress_total, job.user_id), ("queued", 5, self.portal_a))
        self.assertEqual((preview.state, preview.cart_id), ("applying", cart))
        self.assertFalse(cart.order_line, "nothing is added in the request")
        self._run(job)
        self.assertEqual((job.state, job.progress_done, len(cart.order_line)), ("running", 2, 2))
        with self.assertRaisesRegex(UserError, "still being added"):
            cart._dealer_check_submittable()
        self._run(job, 2)
        self.assertEqual((job.state, job.progress, job.result_url), ("done", 100, "/my/dealer/cart"))
        self.assertEqual(self._lines(cart), dict.fromkeys(self.codes, 1))
        self.assertEqual(preview.state, "applied")
        cart._dealer_check_submittable()
        self.assertFalse(preview._dealer_portal_lock_pending(), "applied once")

    def test_a_failing_batch_takes_back_what_the_earlier_batches_added(self):
        cart = self._cart()
        cart._dealer_portal_add_rows([{"ref": "x", "sku": "T-BULK-000", "qty": 3}])
        before = self._lines(cart)
        preview, job = self._queue(cart)
        self._run(job)
        self.assertEqual(self._lines(cart)["T-BULK-000"], 4)
        self.many.filtered(lambda p: p.default_code == "T-BULK-003").sale_ok = False
        self._run(job)
        self.assertEqual(job.state, "failed")
        self.assertIn("Unknown product", job.error)
        self.assertEqual(self._lines(cart), before, "the cart is as it was before the file")
        self.assertEqual((preview.state, preview.applied_count), ("preview", 0))

    def test_the_vacuum_keeps_a_preview_a_job_is_still_adding_however_old(self):
        cart = self._cart()
        preview, job = self._queue(cart)
        idle = self._preview([("T-KETTLE", 1)])
        self._run(job)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE dealer_order_import SET write_date = write_date - interval '3 hours' WHERE id IN %s",
            [(preview.id, idle.id)],
        )
        self.env.invalidate_all()
        self.env["dealer.order.import"]._transient_vacuum()
        self.assertFalse(idle.exists(), "an idle preview goes after an hour")
        self.assertTrue(preview.exists(), "the preview being added stays")
        self._run(job, 2)
        self.assertEqual((job.state, preview.state), ("done", "applied"))
        self.assertEqual(self._lines(cart), dict.fromkeys(self.codes, 1))

    def test_a_worker_killed_mid_batch_keeps_nothing_of_it_and_the_next_run_goes_on(self):
        cart = self._cart()
        _preview, job = self._queue(cart)
        self._run(job)
        SaleOrder = type(self.env["sale.order"])
        add_rows = SaleOrder._dealer_portal_add_rows

        def add_then_die(self, rows):
            add_rows(self, rows)
            raise Killed()

        with patch.object(SaleOrder, "_dealer_portal_add_rows", add_then_die), self.assertRaises(Killed):
            self._run(job)
        self.env.invalidate_all()
        self.assertEqual((job.progress_done, len(cart.order_line)), (2, 2), "the killed batch left nothing")
        self._run(job, 2)
        self.assertEqual(job.state, "done")
        self.assertEqual(self._lines(cart), dict.fromkeys(self.codes, 1))

    def test_a_file_with_bad_rows_queues_nothing(self):
        preview = self._preview([(code, 1) for code in self.codes] + [("NOPE", 1)])
        self.assertTrue(preview._dealer_portal_lock_pending())
        with self.assertRaises(UserError):
            preview._dealer_portal_apply_queue(self._cart())
        self.assertFalse(self.env["dealer.job"].sudo().search([("res_model", "=", preview._name)]))


@tagged("post_install", "-at_install")
class TestOrderImportJobPortal(HttpCase, OrderImportJobCase):
    def test_apply_of_a_large_file_shows_its_job_only_to_its_user(self):
        self.authenticate("t_portal_a", "t_portal_a")
        preview = self._preview()
        page = self.url_open(f"/my/dealer/import/{preview.id}")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/my/dealer/import/{preview.id}/apply", data={"csrf_token": token}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        job = preview.job_id
        self.assertTrue(job)
        self.assertTrue(response.headers["Location"].endswith(f"/my/dealer/job/{job.id}"))
        page = self.url_open(f"/my/dealer/job/{job.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn('http-equiv="refresh"', page.text)
        status = self.url_open(f"/my/dealer/job/{job.id}/status").json()
        self.assertEqual((status["state"], status["total"]), ("queued", 5))
        self.assertFalse(self._cart().order_line)

        self.authenticate("t_portal_b", "t_portal_b")
        for url in (f"/my/dealer/job/{job.id}", f"/my/dealer/job/{job.id}/status", f"/my/dealer/job/{job.id}/download"):
            self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 404, url)

        job._dealer_job_run_batch()
        job._dealer_job_run_batch()
        job._dealer_job_run_batch()
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open(f"/my/dealer/job/{job.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303, "a finished import opens the cart")
        self.assertTrue(response.headers["Location"].endswith("/my/dealer/cart"))
