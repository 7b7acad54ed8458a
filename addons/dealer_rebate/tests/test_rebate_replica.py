from datetime import date

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.replica import ReplicaReadsMixin

from .common import RebateCase


@tagged("post_install", "-at_install")
class TestRebatePageReadsTheReplica(ReplicaReadsMixin, RebateCase, HttpCase):
    def test_rebates_page_is_read_only_and_served_without_writing(self):
        self.assertTrue(self._route_readonly("/my/dealer/rebates"))
        self.program.date_end = date(2099, 12, 31)
        self._invoice(self.dealer_a, 123456, date(2025, 2, 1))
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.assertServedOnReplica("/my/dealer/rebates")
        self.assertEqual(response.status_code, 200)
        self.assertIn("123,456.00", response.text)
