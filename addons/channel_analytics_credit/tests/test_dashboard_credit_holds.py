from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.channel_analytics.tests.common import ChannelCase


@tagged("post_install", "-at_install")
class TestDashboardCreditHolds(ChannelCase):
    def test_dashboard_counts_the_filtered_dealers_orders_on_credit_hold(self):
        held_a = self._sell(self.dealer_a, self.today, [(self.product_x, 1, 100.0)], state="draft")
        held_b = self._sell(self.dealer_b, self.today, [(self.product_x, 1, 100.0)], state="draft")
        (held_a | held_b).write({"credit_state": "hold"})
        self._sell(self.dealer_a, self.today, [(self.product_x, 1, 100.0)], state="draft")
        filters = {
            "date_from": fields.Date.to_string(self.this_month),
            "date_to": fields.Date.to_string(self.today),
            "region_id": self.region.id,
        }
        Dashboard = self.env["channel.dashboard"]
        # The sales director sees every order (Odoo's "All Documents"); a figure counts only the
        # orders its reader may open.
        director = new_test_user(
            self.env,
            "t_channel_director",
            groups="dealer_base.group_dealer_manager,sales_team.group_sale_salesman_all_leads",
        )
        data = Dashboard.with_user(director).get_dashboard_data(filters)
        self.assertEqual((data["kpi"]["has_credit"], data["kpi"]["hold_count"]), (True, 2))
        self.assertEqual(self.env["sale.order"].search(data["domains"]["hold"]), held_a | held_b)
        data_a = Dashboard.with_user(self.sales_a).get_dashboard_data(filters)
        self.assertEqual(data_a["kpi"]["hold_count"], 1)
