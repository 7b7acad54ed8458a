from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChannelCase


@tagged("post_install", "-at_install")
class TestChannelRefreshJob(ChannelCase):
    def _rows(self):
        return self.env["channel.sale.summary"].search([("dealer_id", "=", self.dealer_a.id)])

    def test_dashboard_refresh_is_a_background_job_of_one_summary_per_batch(self):
        self._sell(self.dealer_a, self._month(1), [(self.product_x, 2, 100.0)])
        self.assertFalse(self._rows())
        job_id = self.env["channel.sale.summary"].with_user(self.manager).action_refresh()
        job = self.env["dealer.job"].browse(job_id)
        self.assertEqual((job.state, job.progress_total, job.user_id), ("queued", 2, self.manager))
        self.assertFalse(self._rows(), "nothing is rebuilt in the request")
        self.assertEqual(
            self.env["channel.sale.summary"].with_user(self.manager).action_refresh(), job_id, "one refresh at a time"
        )
        job.sudo()._dealer_job_run_batch()
        self.assertEqual((job.state, job.progress_done), ("running", 1))
        self.assertEqual(self._rows().amount, 200.0)
        job.sudo()._dealer_job_run_batch()
        self.assertEqual((job.state, job.progress), ("done", 100))

    def test_only_managers_queue_a_refresh(self):
        with self.assertRaises(AccessError):
            self.env["channel.sale.summary"].with_user(self.sales_a).action_refresh()

    def test_the_scheduled_action_queues_the_refresh_and_the_warnings(self):
        job = self.env["channel.warning"]._cron_queue_run()
        self.assertEqual(job.payload["steps"], ["sale", "payment", "warnings"])
        for _i in range(3):
            job._dealer_job_run_batch()
        self.assertEqual(job.state, "done")
