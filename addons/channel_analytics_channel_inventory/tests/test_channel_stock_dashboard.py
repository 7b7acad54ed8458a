from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_channel_inventory.tests.channel_common import ChannelCase


@tagged("post_install", "-at_install")
class TestChannelStockDashboard(HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A: 10 a week with 5 in stock (at risk); B: 1 a week with 50 in stock (overstocked).
        cls._report(cls.dealer_a, [(cls.p1, 5, 10)], cls._week(0))
        cls._report(cls.dealer_b, [(cls.p2, 50, 1)], cls._week(0))
        cls.Stock._refresh(dealers=cls.dealer_a | cls.dealer_b)
        # The administrator of the tour works in the company of these dealers' figures.
        cls.env.ref("base.user_admin").company_id = cls.env.company

    def test_channel_stock_figures_by_region_and_status(self):
        data = self.env["channel.dashboard"].get_channel_stock_data({"region_id": self.region.id})
        self.assertEqual(data["kpi"]["channel_qty"], 55)
        self.assertAlmostEqual(data["kpi"]["weekly_sellout"], 11)
        self.assertAlmostEqual(data["kpi"]["cover_weeks"], 5)
        self.assertEqual([d["name"] for d in data["at_risk_dealers"]], [self.dealer_a.display_name])
        self.assertEqual([d["name"] for d in data["overstocked_dealers"]], [self.dealer_b.display_name])
        self.assertEqual({s["key"]: s["count"] for s in data["status"]}, {"at_risk": 1, "overstock": 1})
        region = next(r for r in data["regions"] if r["id"] == self.region.id)
        self.assertEqual(region["qty"], 55)

    def test_salesperson_sees_only_own_dealers_channel_stock(self):
        data = self.env["channel.dashboard"].with_user(self.sales_a).get_channel_stock_data({})
        self.assertEqual(data["kpi"]["channel_qty"], 5)
        self.assertFalse(data["overstocked_dealers"])

    def test_channel_stock_tour(self):
        self.start_tour("/odoo", "channel_analytics_channel_stock_tour", login="admin", timeout=120)
