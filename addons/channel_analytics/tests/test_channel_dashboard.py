from dateutil.relativedelta import relativedelta

from odoo import fields

from .common import ChannelCase


class TestChannelDashboard(ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        px, px2, py = cls.product_x, cls.product_x2, cls.product_y
        cls._sell(cls.dealer_a, cls._month(2), [(px, 2, 150.0), (py, 1, 80.0)])
        cls._sell(cls.dealer_a, cls._month(1), [(px, 1, 150.0), (px2, 3, 210.0)])
        cls._sell(cls.dealer_a, cls._month(1, day=20), [(py, 5, 80.0)])
        cls._sell(cls.dealer_b, cls._month(2), [(px2, 1, 210.0), (py, 10, 75.5)])
        cls._sell(cls.dealer_b, cls._month(13), [(px, 4, 140.0)])
        # Quotations and cancelled orders are no sales.
        cls._sell(cls.dealer_a, cls._month(1), [(px, 100, 150.0)], state="draft")
        cls._sell(cls.dealer_b, cls._month(1), [(px, 100, 150.0)], state="cancel")
        cls._refresh()
        cls.filters = {
            "date_from": fields.Date.to_string(cls._month(2, day=1)),
            "date_to": fields.Date.to_string(cls.today),
        }

    def _lines(self, dealers, categ=None):
        """The figures computed independently, from the order lines."""
        domain = [
            ("order_id.state", "=", "sale"),
            ("order_id.partner_id", "in", dealers.ids),
            ("order_id.date_order", ">=", fields.Datetime.to_datetime(self._month(2, day=1))),
        ]
        if categ:
            domain.append(("product_id.categ_id", "=", categ.id))
        return self.env["sale.order.line"].search(domain)

    def test_dashboard_totals_equal_the_order_lines(self):
        dealers = self.dealer_a | self.dealer_b
        data = (
            self.env["channel.dashboard"]
            .with_user(self.manager)
            .get_dashboard_data(dict(self.filters, region_id=self.region.id))
        )
        lines = self._lines(dealers)
        self.assertAlmostEqual(data["kpi"]["amount"], sum(lines.mapped("price_subtotal")))
        self.assertAlmostEqual(data["kpi"]["amount"], 300 + 80 + 150 + 630 + 400 + 210 + 755)
        self.assertEqual(data["kpi"]["order_count"], len(lines.order_id))
        self.assertAlmostEqual(data["kpi"]["average_order"], data["kpi"]["amount"] / len(lines.order_id))
        top = {d["id"]: d["amount"] for d in data["top_dealers"]}
        self.assertAlmostEqual(top[self.dealer_a.id], 300 + 80 + 150 + 630 + 400)
        self.assertAlmostEqual(top[self.dealer_b.id], 210 + 755)
        regions = {r["id"]: r["amount"] for r in data["regions"]["items"]}
        self.assertAlmostEqual(regions[self.region_a.id], 1560)
        self.assertAlmostEqual(regions[self.region_b.id], 965)
        self.assertTrue(next(r for r in data["regions"]["items"] if r["id"] == self.region_a.id))

    def test_category_filter_counts_orders_buying_it(self):
        data = (
            self.env["channel.dashboard"]
            .with_user(self.manager)
            .get_dashboard_data(dict(self.filters, region_id=self.region.id, categ_id=self.categ_x.id))
        )
        lines = self._lines(self.dealer_a | self.dealer_b, categ=self.categ_x)
        self.assertAlmostEqual(data["kpi"]["amount"], sum(lines.mapped("price_subtotal")))
        self.assertEqual(data["kpi"]["order_count"], len(lines.order_id))
        self.assertEqual(data["kpi"]["order_count"], 3)

    def test_trend_compares_with_the_same_month_last_year(self):
        data = (
            self.env["channel.dashboard"]
            .with_user(self.manager)
            .get_dashboard_data(
                dict(
                    self.filters,
                    region_id=self.region_b.id,
                    date_from=fields.Date.to_string(self._month(1, day=1) - relativedelta(months=1)),
                )
            )
        )
        index = data["trend"]["labels"].index((self.this_month - relativedelta(months=1)).strftime("%Y-%m"))
        self.assertAlmostEqual(data["trend"]["last_year"][index], 560.0)
        self.assertAlmostEqual(sum(data["trend"]["amounts"]), 965.0)

    def test_salesperson_sees_only_own_dealers_figures(self):
        Dashboard = self.env["channel.dashboard"]
        data_a = Dashboard.with_user(self.sales_a).get_dashboard_data(self.filters)
        data_b = Dashboard.with_user(self.sales_b).get_dashboard_data(self.filters)
        self.assertAlmostEqual(data_a["kpi"]["amount"], sum(self._lines(self.dealer_a).mapped("price_subtotal")))
        self.assertAlmostEqual(data_b["kpi"]["amount"], sum(self._lines(self.dealer_b).mapped("price_subtotal")))
        self.assertEqual([d["id"] for d in data_a["top_dealers"]], self.dealer_a.ids)
        self.assertEqual(data_a["kpi"]["review_count"], 1, "dealer A's quotation waits for review")
        self.assertEqual(data_b["kpi"]["review_count"], 0)
        # A region holding only the other salesperson's dealer is refused, with a message.
        refused = Dashboard.with_user(self.sales_a).get_dashboard_data(dict(self.filters, region_id=self.region_b.id))
        self.assertIn("error", refused)
        self.assertNotIn("kpi", refused)

    def test_bad_periods_get_a_message(self):
        Dashboard = self.env["channel.dashboard"].with_user(self.manager)
        cases = [
            {"date_from": "2026-05-01", "date_to": "2026-01-01"},
            {"date_from": "1999-12-31", "date_to": "2001-01-01"},
            {"date_from": "2001-01-01", "date_to": "2012-01-02"},
            {"date_from": "not a date"},
        ]
        for filters in cases:
            with self.subTest(filters=filters):
                result = Dashboard.get_dashboard_data(filters)
                self.assertEqual(list(result), ["error"])
                self.assertTrue(result["error"])
        self.assertIn("error", Dashboard.export_xlsx(cases[0]))

    def test_dashboard_reads_in_a_bounded_number_of_queries(self):
        Dashboard = self.env["channel.dashboard"].with_user(self.manager)
        Dashboard.get_dashboard_data(self.filters)
        self.env.invalidate_all()
        with self.assertQueryCount(40):
            Dashboard.get_dashboard_data(self.filters)

    def test_export_writes_the_summary_rows(self):
        action = (
            self.env["channel.dashboard"]
            .with_user(self.manager)
            .export_xlsx(dict(self.filters, region_id=self.region.id))
        )
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertTrue(attachment.name.endswith(".xlsx"))
        self.assertEqual(attachment.raw[:2], b"PK")

    def test_scorecard_sums_the_last_twelve_months(self):
        card = self.dealer_a._channel_scorecard()
        self.assertAlmostEqual(card["amount_12m"], 1560.0)
        self.assertEqual(card["product_count"], 3)
        self.assertAlmostEqual(card["orders_per_month"], round(3 / 12, 1))
        card_b = self.dealer_b.with_user(self.sales_b)._channel_scorecard()
        self.assertAlmostEqual(card_b["amount_12m"], 965.0)
        self.assertAlmostEqual(card_b["amount_prev_12m"], 560.0)
        self.assertAlmostEqual(self.dealer_b.channel_amount_12m, 965.0)
