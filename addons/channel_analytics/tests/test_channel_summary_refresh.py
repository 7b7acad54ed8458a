from odoo.tests import tagged

from .common import ChannelCase


@tagged("post_install", "-at_install")
class TestChannelSummaryRefresh(ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old_order = cls._sell(cls.dealer_a, cls._month(5), [(cls.product_x, 2, 100.0)])
        cls.changing_order = cls._sell(cls.dealer_b, cls._month(1), [(cls.product_y, 3, 50.0)])
        cls._refresh()

    def _rows(self):
        Summary = self.env["channel.sale.summary"]
        return Summary.search([("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)])

    def test_refresh_rewrites_only_the_rows_that_changed(self):
        before = self._rows()
        old_row = before.filtered(lambda r: r.dealer_id == self.dealer_a)
        self.changing_order.order_line.write({"product_uom_qty": 5, "price_unit": 50.0})
        self._sell(self.dealer_b, self._month(0, day=1), [(self.product_x, 1, 70.0)])
        self._refresh()
        after = self._rows()
        self.assertIn(old_row, after, "the untouched month keeps its row")
        figures = sorted((r.dealer_id.id, r.month, r.product_id.id, r.amount, r.qty, r.order_count) for r in after)
        self.assertEqual(
            figures,
            sorted(
                [
                    (self.dealer_a.id, self._month(5, day=1), self.product_x.id, 200.0, 2.0, 1),
                    (self.dealer_b.id, self._month(1, day=1), self.product_y.id, 250.0, 5.0, 1),
                    (self.dealer_b.id, self._month(0, day=1), self.product_x.id, 70.0, 1.0, 1),
                ]
            ),
        )

    def test_cancelled_order_leaves_the_summary(self):
        self.changing_order.write({"state": "cancel"})
        self._refresh()
        self.assertEqual(self._rows().dealer_id, self.dealer_a)

    def test_coarse_summaries_add_up_to_the_detailed_one(self):
        self._sell(self.dealer_a, self._month(5, day=20), [(self.product_x, 1, 90.0), (self.product_y, 4, 20.0)])
        self._sell(self.dealer_b, self._month(5, day=3), [(self.product_x, 6, 95.0)])
        self._refresh()
        detailed = self.env["channel.sale.summary"].search([])

        def totals(rows, key):
            result = {}
            for row in rows:
                figures = result.setdefault(key(row), [0.0, 0.0, 0, 0])
                figures[0] += row.amount
                figures[1] += row.qty
                if "order_count" in row._fields:
                    figures[2] += row.order_count
                    figures[3] += row.categ_order_count
            return {k: (round(a, 2), round(q, 2), o, c) for k, (a, q, o, c) in result.items()}

        by_categ = lambda r: (r.month, r.dealer_id.id, r.categ_id.id, r.region_id.id, r.user_id.id)  # noqa: E731
        categ_rows = self.env["channel.sale.summary.categ"].search([])
        self.assertEqual(totals(categ_rows, by_categ), totals(detailed, by_categ))
        self.assertEqual(
            totals(categ_rows.filtered(lambda r: r.dealer_id == self.dealer_a), lambda r: r.month)[
                self._month(5, day=1)
            ],
            (370.0, 7.0, 2, 3),
            "two orders of dealer A in that month; the second one buys in both categories",
        )
        by_product = lambda r: (r.month, r.product_id.id)  # noqa: E731
        active = detailed.filtered(lambda r: r.dealer_id.active and r.dealer_id.is_dealer)
        product_rows = self.env["channel.sale.summary.product"].search([])
        self.assertEqual(
            totals(product_rows, by_product), {k: (*v[:2], 0, 0) for k, v in totals(active, by_product).items()}
        )
        # An archived dealer leaves the sales by product at the next refresh.
        self.dealer_b.active = False
        self._refresh()
        product_rows = self.env["channel.sale.summary.product"].search([])
        self.assertEqual(
            totals(product_rows, by_product),
            {
                k: (*v[:2], 0, 0)
                for k, v in totals(active - active.filtered(lambda r: r.dealer_id == self.dealer_b), by_product).items()
            },
        )
