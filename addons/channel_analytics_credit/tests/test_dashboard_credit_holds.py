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

        def hold_step(user):
            data = Dashboard.with_user(user).get_dashboard_data(filters)
            return data, next(step for step in data["kpi"]["waiting_steps"] if step["key"] == "credit_hold")

        data, step = hold_step(director)
        self.assertEqual(step["count"], 2)
        # The figure opens dealer_credit's Credit Holds list, within the filtered dealers.
        SaleOrder = self.env["sale.order"].with_user(director)
        action = SaleOrder.action_open_dealer_waiting_step("credit_hold", data["domains"]["waiting"])
        self.assertEqual(action["id"], self.env.ref("dealer_credit.sale_order_action_credit_hold").id)
        self.assertEqual(SaleOrder.search(action["domain"]), held_a | held_b)
        self.assertEqual(hold_step(self.sales_a)[1]["count"], 1)
