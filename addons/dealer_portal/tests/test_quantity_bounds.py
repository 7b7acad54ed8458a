from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import DealerPortalCase

ABSURD = ("1e20", "1e308", "nan", "NaN", "inf", "-inf", "-1", "1000001", "9" * 400)


@tagged("post_install", "-at_install")
class TestQuantityBounds(HttpCase, DealerPortalCase):
    def _promotion(self):
        """An automatic 10% discount on the order: Odoo's promotions run on every view of the cart."""
        return self.env["loyalty.program"].create(
            {
                "name": "Bounds Ten Percent",
                "program_type": "promotion",
                "trigger": "auto",
                "applies_on": "current",
                "rule_ids": [Command.create({"minimum_qty": 1})],
                "reward_ids": [
                    Command.create({"reward_type": "discount", "discount": 10, "discount_applicability": "order"})
                ],
            }
        )

    def test_absurd_quantities_are_refused_by_the_single_row_check(self):
        cart = self._cart(self.dealer_a, self.portal_a)
        for value in ABSURD:
            valid, errors = cart._dealer_portal_check_rows(
                self.dealer_a, [{"ref": "1", "product_id": self.kettle.id, "qty": value}]
            )
            self.assertFalse(valid, value)
            self.assertEqual(len(errors), 1, value)
        _valid, errors = cart._dealer_portal_check_rows(
            self.dealer_a, [{"ref": "1", "product_id": self.kettle.id, "qty": "1e20"}]
        )
        self.assertIn("above the maximum of 1,000,000 per line", errors[0][1])
        self.env["res.lang"]._activate_lang("zh_CN")
        _valid, errors = cart.with_context(lang="zh_CN")._dealer_portal_check_rows(
            self.dealer_a, [{"ref": "1", "product_id": self.kettle.id, "qty": "1e20"}]
        )
        self.assertIn("数量 1e+20 超过每行最大数量 1,000,000", errors[0][1])
        valid, errors = cart._dealer_portal_check_rows(
            self.dealer_a, [{"ref": "1", "product_id": self.kettle.id, "qty": "1,000,000"}]
        )
        self.assertFalse(errors)
        self.assertEqual(valid[0][1], 1_000_000)

    def test_the_maximum_per_line_is_a_setting_and_holds_for_merged_lines(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.dealer_max_line_qty, 1_000_000)
        settings.dealer_max_line_qty = 10
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param("dealer_base.max_line_qty"), "10.0")
        cart = self._cart(self.dealer_a, self.portal_a)
        with self.assertRaisesRegex(UserError, "above the maximum of 10 per line"):
            cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 11}])
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 6}])
        # Two adds of 6 would make a line of 12: refused, the line keeps its 6.
        with self.assertRaisesRegex(UserError, "the quantity 12 is above the maximum of 10"):
            cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 6}])
        self.assertEqual(cart.order_line.product_uom_qty, 6)

    def test_catalog_and_cart_refuse_absurd_quantities_with_a_message(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        for value in ("1e308", "1e20", "nan", "inf"):
            response = self._post("/my/dealer/catalog/add", {f"qty_{self.kettle.id}": value})
            self.assertEqual(response.status_code, 200, value)
            self.assertIn("Nothing was added", response.text, value)
        self.assertFalse(cart.order_line)
        self._post("/my/dealer/catalog/add", {f"qty_{self.kettle.id}": "2"})
        response = self._post("/my/dealer/cart/update", {"line_id": cart.order_line.id, "qty": "1e20"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("above the maximum of 1,000,000 per line", response.text)
        self.assertEqual(cart.order_line.product_uom_qty, 2)

    def test_cart_holding_an_absurd_line_renders_and_the_line_can_be_removed(self):
        self._promotion()
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 2}])
        # A line written before quantities were bounded.
        cart.order_line.product_uom_qty = 1e20
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open("/my/dealer/cart", timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_cart_oversized", response.text)
        self.assertIn("At most 1,000,000 per line: lower the quantity of [PT-KETTLE] Portal Kettle", response.text)
        with self.assertRaisesRegex(UserError, "above the maximum"):
            cart._dealer_portal_submit()
        line = cart.order_line.filtered(lambda line: line.product_id == self.kettle)
        response = self._post("/my/dealer/cart/remove", {"line_id": line.id}, timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.kettle, cart.order_line.product_id)
        self.assertNotIn("o_dealer_cart_oversized", response.text)
