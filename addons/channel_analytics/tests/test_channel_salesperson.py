from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ChannelCase


class SalespersonCase(ChannelCase):
    """Salesperson A with a teammate whose dealer they also follow; salesperson B alone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teammate = new_test_user(cls.env, "t_channel_teammate", groups="dealer_base.group_dealer_user")
        cls.team = cls.env["crm.team"].create(
            {"name": "Test North Team", "member_ids": [Command.set((cls.sales_a | cls.teammate).ids)]}
        )
        cls.dealer_t = cls._create_dealer("TCT", "Channel Dealer T", cls.teammate, cls.region_a)
        cls.dealer_t.dealer_team_id = cls.team
        px, py = cls.product_x, cls.product_y
        cls._sell(cls.dealer_a, cls._month(1), [(px, 2, 150.0)])
        cls._sell(cls.dealer_t, cls._month(1), [(py, 4, 80.0)])
        cls._sell(cls.dealer_b, cls._month(1), [(px, 10, 140.0), (py, 1, 80.0)])
        cls._refresh()
        cls.filters = {
            "date_from": fields.Date.to_string(cls._month(2, day=1)),
            "date_to": fields.Date.to_string(cls.today),
        }


@tagged("post_install", "-at_install")
class TestChannelSalesperson(SalespersonCase):
    def _menu_xmlids(self, user):
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {menu["xmlid"] for menu in menus.values() if isinstance(menu, dict) and menu.get("xmlid")}

    def test_salesperson_finds_the_dashboard_under_dealers(self):
        xmlids = self._menu_xmlids(self.sales_a)
        self.assertIn("channel_analytics.channel_dashboard_menu_dealer", xmlids)
        # Sales > Reporting stays the sales managers' menu.
        self.assertNotIn("channel_analytics.channel_dashboard_menu", xmlids)
        menu = self.env.ref("channel_analytics.channel_dashboard_menu_dealer")
        self.assertEqual(menu.action, self.env.ref("channel_analytics.channel_dashboard_action"))

    def test_salesperson_figures_cover_own_and_team_dealers_only(self):
        Dashboard = self.env["channel.dashboard"]
        data_a = Dashboard.with_user(self.sales_a).get_dashboard_data(self.filters)
        self.assertAlmostEqual(data_a["kpi"]["amount"], 2 * 150.0 + 4 * 80.0)
        self.assertEqual(data_a["kpi"]["order_count"], 2)
        self.assertEqual({d["id"] for d in data_a["top_dealers"]}, {self.dealer_a.id, self.dealer_t.id})
        self.assertEqual({u["id"] for u in data_a["options"]["users"]}, {self.sales_a.id, self.teammate.id})
        data_b = Dashboard.with_user(self.sales_b).get_dashboard_data(self.filters)
        self.assertAlmostEqual(data_b["kpi"]["amount"], 10 * 140.0 + 80.0)
        self.assertEqual([d["id"] for d in data_b["top_dealers"]], self.dealer_b.ids)
        # The manager sees everyone: the salespeople's figures add up to the whole.
        data_manager = Dashboard.with_user(self.manager).get_dashboard_data(self.filters)
        self.assertAlmostEqual(data_manager["kpi"]["amount"], data_a["kpi"]["amount"] + data_b["kpi"]["amount"])

    def test_salesperson_filter_cannot_reach_other_dealers(self):
        """Choosing the other salesperson as a filter narrows within the user's dealers: nothing, no error."""
        data = (
            self.env["channel.dashboard"]
            .with_user(self.sales_a)
            .get_dashboard_data(dict(self.filters, user_id=self.sales_b.id))
        )
        self.assertNotIn("error", data)
        self.assertEqual(data["kpi"]["amount"], 0.0)
        self.assertEqual(data["top_dealers"], [])
        self.assertEqual(data["top_products"], [])


@tagged("post_install", "-at_install")
class TestChannelSalespersonTour(HttpCase, SalespersonCase):
    def test_salesperson_opens_the_dashboard_from_the_dealers_menu(self):
        """Sales > Dealers > Channel Dashboard, as a salesperson: their figures and their orders only."""
        self.start_tour("/odoo", "channel_analytics_salesperson_tour", login=self.sales_a.login, timeout=120)
