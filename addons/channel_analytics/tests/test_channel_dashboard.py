from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tests import new_test_user

from odoo.addons.dealer_base.tests.xlsx_checks import FORMULA, assert_written_as_text

from ..models.res_partner import ResPartner as ChannelPartner
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
        # A region holding only the other salesperson's dealer is refused, with a message.
        refused = Dashboard.with_user(self.sales_a).get_dashboard_data(dict(self.filters, region_id=self.region_b.id))
        self.assertIn("error", refused)
        self.assertNotIn("kpi", refused)

    def _detailed(self, domain, groupby):
        """Figures summed again from the month x dealer x product rows."""
        groups = self.env["channel.sale.summary"]._read_group(
            domain, groupby, ["amount:sum", "qty:sum", "order_count:sum", "categ_order_count:sum"]
        )
        return {tuple(g[: len(groupby)]): tuple(round(v, 2) for v in g[len(groupby) :]) for g in groups}

    def test_coarse_summaries_agree_with_the_product_rows(self):
        Dealer = self.env["channel.sale.summary.dealer"]
        for categ in (False, self.categ_x, self.categ_y):
            domain = [("categ_id", "=", categ.id)] if categ else []
            with self.subTest(categ=categ and categ.name):
                groupby = ["month:day", "dealer_id", "region_id", "level_id", "user_id", "company_id"]
                coarse = Dealer._read_group(
                    domain, groupby, ["amount:sum", "qty:sum", "order_count:sum", "categ_order_count:sum"]
                )
                self.assertTrue(coarse)
                self.assertEqual(
                    {tuple(g[:6]): tuple(round(v, 2) for v in g[6:]) for g in coarse},
                    self._detailed(domain, groupby),
                )
                by_product = self.env["channel.sale.summary.product"]._read_group(
                    domain, ["month:day", "product_id", "company_id"], ["amount:sum", "qty:sum"]
                )
                detailed = self._detailed(
                    expression.AND([domain, [("dealer_id.is_dealer", "=", True)]]),
                    ["month:day", "product_id", "company_id"],
                )
                self.assertEqual(
                    {tuple(g[:3]): (round(g[3], 2), round(g[4], 2)) for g in by_product},
                    {key: figures[:2] for key, figures in detailed.items()},
                )

    def test_top_products_are_the_same_from_either_summary(self):
        """A director sees every dealer: the top products come from the month x product summary, and
        match the product rows of every dealer, with and without a category filter."""
        Dashboard = self.env["channel.dashboard"].with_user(self.manager)
        for categ in (False, self.categ_x):
            filters = dict(self.filters, categ_id=categ and categ.id)
            with self.subTest(categ=categ and categ.name):
                values = Dashboard._check_filters(filters)
                self.assertTrue(Dashboard._sees_every_dealer(values))
                top = Dashboard._get_top_products(values)
                detailed = Dashboard._top_items(
                    self.env["channel.sale.summary"]
                    .with_user(self.manager)
                    ._read_group(
                        Dashboard._summary_domain(values),
                        ["product_id"],
                        ["amount:sum"],
                        order="amount:sum desc",
                        limit=10,
                    )
                )
                self.assertEqual(top, detailed)
                self.assertIn(self.product_x.id, [p["id"] for p in top])
        # A salesperson does not see every dealer: the product rows of their own dealers.
        values = self.env["channel.dashboard"].with_user(self.sales_a)._check_filters(self.filters)
        self.assertFalse(self.env["channel.dashboard"].with_user(self.sales_a)._sees_every_dealer(values))
        top_a = self.env["channel.dashboard"].with_user(self.sales_a)._get_top_products(values)
        lines = self._lines(self.dealer_a)
        self.assertEqual(
            {p["id"]: round(p["amount"], 2) for p in top_a},
            {
                product.id: round(
                    sum(lines.filtered(lambda line, p=product: line.product_id == p).mapped("price_subtotal")), 2
                )
                for product in lines.product_id
            },
        )

    def test_salesperson_cannot_read_the_summary_without_dealers(self):
        """The month x product summary knows no dealer: only directors may read it."""
        with self.assertRaises(AccessError):
            self.env["channel.sale.summary.product"].with_user(self.sales_a).search([])
        rows = self.env["channel.sale.summary.dealer"].with_user(self.sales_a).search([])
        self.assertEqual(rows.dealer_id, self.dealer_a)

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

    def test_export_writes_dealer_names_as_text(self):
        # A dealer's name comes from the public application form.
        self.dealer_a.name = FORMULA
        action = self.env["channel.dashboard"].with_user(self.manager).export_xlsx(self.filters)
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        assert_written_as_text(self, attachment.raw, [FORMULA])

    def test_scorecard_has_no_extras_by_itself(self):
        # This module's hook: the bridge to rebates overrides it.
        self.assertEqual(ChannelPartner._channel_scorecard_extras(self.dealer_a, []), {})

    def test_dashboard_counts_the_filtered_dealers_orders_at_each_waiting_step(self):
        # The steps come from the modules holding orders (sale.order._get_dealer_waiting_steps); one
        # here: every quotation, and the orders of dealer A also at an earlier step.
        def steps(records):
            return [
                {
                    "key": "quotation",
                    "name": "Quotation",
                    "sequence": 20,
                    "domain": [("state", "in", ("draft", "sent"))],
                    "action": "sale.action_quotations",
                },
                {
                    "key": "dealer_a",
                    "name": "Dealer A",
                    "sequence": 10,
                    "domain": [("partner_id", "=", self.dealer_a.id), ("state", "in", ("draft", "sent"))],
                    "action": "sale.action_quotations",
                },
            ]

        self.patch(type(self.env["sale.order"]), "_get_dealer_waiting_steps", steps)
        quotation_b = self._sell(self.dealer_b, self.today, [(self.product_x, 1, 100.0)], state="draft")
        Dashboard = self.env["channel.dashboard"]

        filters = dict(self.filters, region_id=self.region.id)  # the test dealers, not the demo ones

        def counts(user):
            data = Dashboard.with_user(user).get_dashboard_data(filters)
            return data, [(step["key"], step["count"]) for step in data["kpi"]["waiting_steps"]]

        counts_a = counts(self.sales_a)[1]
        self.assertEqual(counts_a, [("dealer_a", 1), ("quotation", 0)], "dealer A's quotation waits at one step")
        self.assertEqual(counts(self.sales_b)[1], [("dealer_a", 0), ("quotation", 1)])
        director = new_test_user(
            self.env,
            "t_channel_waiting_director",
            groups="dealer_base.group_dealer_manager,sales_team.group_sale_salesman_all_leads",
        )
        self.assertEqual(counts(director)[1], [("dealer_a", 1), ("quotation", 1)])
        action = (
            self.env["sale.order"]
            .with_user(self.sales_b)
            .action_open_dealer_waiting_step("quotation", counts(self.sales_b)[0]["domains"]["waiting"])
        )
        self.assertEqual(self.env["sale.order"].with_user(self.sales_b).search(action["domain"]), quotation_b)
        # A salesperson outside the dealer back office sees no step.
        salesman = new_test_user(self.env, "t_channel_plain", groups="sales_team.group_sale_salesman_all_leads")
        self.assertEqual(Dashboard.with_user(salesman).get_dashboard_data(filters)["kpi"]["waiting_steps"], [])

    def test_scorecard_sums_the_last_twelve_months(self):
        card = self.dealer_a._channel_scorecard()
        self.assertAlmostEqual(card["amount_12m"], 1560.0)
        self.assertEqual(card["product_count"], 3)
        self.assertAlmostEqual(card["orders_per_month"], round(3 / 12, 1))
        card_b = self.dealer_b.with_user(self.sales_b)._channel_scorecard()
        self.assertAlmostEqual(card_b["amount_12m"], 965.0)
        self.assertAlmostEqual(card_b["amount_prev_12m"], 560.0)
        self.assertAlmostEqual(self.dealer_b.channel_amount_12m, 965.0)
