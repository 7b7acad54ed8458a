from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.common import DealerCase


@tagged("post_install", "-at_install")
class TestOrderRows(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.default_code = "T-KETTLE"
        cls.boxed = cls.env["product.product"].create(
            {
                "name": "Boxed Cups",
                "default_code": "T-CUPS",
                "list_price": 10,
                "dealer_pack_qty": 6,
                "dealer_min_qty": 12,
            }
        )
        cls.hidden = cls.env["product.product"].create({"name": "Hidden Pan", "default_code": "T-PAN"})
        cls.env["dealer.assortment.rule"].create(
            {"dealer_id": cls.dealer_a.id, "rule_type": "exclude", "product_id": cls.hidden.id}
        )

    def test_every_bad_row_is_reported_and_nothing_is_added(self):
        cart = self.dealer_a._dealer_portal_cart(user=self.portal_a)
        rows = [
            {"ref": "1", "sku": "T-KETTLE", "qty": "2"},
            {"ref": "2", "sku": "NOPE", "qty": "1"},
            {"ref": "3", "sku": "T-PAN", "qty": "1"},
            {"ref": "4", "sku": "T-CUPS", "qty": "6"},
            {"ref": "5", "sku": "T-CUPS", "qty": "13"},
            {"ref": "6", "sku": "T-KETTLE", "qty": "-1"},
        ]
        with self.assertRaises(UserError) as caught:
            cart._dealer_portal_add_rows(rows)
        message = str(caught.exception)
        for ref in ("2:", "3:", "4:", "5:", "6:"):
            self.assertIn(ref, message)
        self.assertNotIn("1:", message)
        self.assertFalse(cart.order_line)

    def test_valid_rows_merge_into_existing_cart_lines(self):
        cart = self.dealer_a._dealer_portal_cart(user=self.portal_a)
        self.assertEqual(cart, self.dealer_a._dealer_portal_cart(user=self.portal_a))
        cart._dealer_portal_add_rows(
            [{"ref": "1", "sku": "T-KETTLE", "qty": 2}, {"ref": "2", "sku": "T-CUPS", "qty": 12}]
        )
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.product.id, "qty": "3"}])
        self.assertEqual(
            {line.product_id.default_code: line.product_uom_qty for line in cart.order_line},
            {"T-KETTLE": 5, "T-CUPS": 12},
        )
