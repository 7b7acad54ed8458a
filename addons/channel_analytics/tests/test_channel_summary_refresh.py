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
