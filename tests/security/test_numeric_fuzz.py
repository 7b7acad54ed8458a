"""A dealer's portal user posts absurd quantities and amounts to every form of the portal."""

from odoo import Command, http
from odoo.http import request
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.security_crawler import plant_routes
from odoo.addons.dealer_base.tests.security_crawler_numeric import NumericFuzzer
from odoo.addons.dealer_portal.tests.common_self_service import SelfServiceCase

LEAK_MODULE = "dealer_test_numeric_leak"


@tagged("post_install", "-at_install")
class TestNumericFuzz(HttpCase, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_a = cls._delivered_order(cls.dealer_a, qty=5)
        # Promotions run on every view of the cart: an absurd line there would make it hang.
        cls.env["loyalty.program"].create(
            {
                "name": "Fuzz Ten Percent",
                "program_type": "promotion",
                "trigger": "auto",
                "applies_on": "current",
                "rule_ids": [Command.create({"minimum_qty": 1})],
                "reward_ids": [
                    Command.create({"reward_type": "discount", "discount": 10, "discount_applicability": "order"})
                ],
            }
        )
        cart = cls.dealer_a._dealer_portal_cart(user=cls.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": cls.product.id, "qty": 2}])
        cls.cart = cart

    def test_every_quantity_and_amount_input_is_bounded(self):
        self.authenticate("t_portal_a", "t_portal_a")
        fuzzer = NumericFuzzer(self, self.dealer_a)
        findings = fuzzer.fuzz()
        self.assertFalse(findings, "\n".join(findings))
        # Discovered from the routing map and the pages' forms, not listed.
        fields = {
            (action.rsplit("/", 1)[0] if action[-1].isdigit() else action, field.rstrip("0123456789"))
            for action, field, _value in fuzzer.posted
        }
        for expected in (
            ("/my/dealer/cart/update", "qty"),
            ("/my/dealer/catalog/add", "qty_"),
            ("/my/dealer/inventory", "onhand_"),
            ("/my/dealer/inventory", "sold_"),
            ("/my/dealer/returns/new", "qty_"),
        ):
            self.assertIn(expected, fields)
        lines = self.cart.order_line.filtered(lambda line: line.product_id == self.product)
        self.assertEqual(lines.mapped("product_uom_qty"), [2.0])

    def test_fuzzer_catches_a_planted_unbounded_quantity(self):
        self._plant_unbounded_route()
        self.authenticate("t_portal_a", "t_portal_a")
        fuzzer = NumericFuzzer(self, self.dealer_a, modules={LEAK_MODULE})
        findings = fuzzer.fuzz()
        leak = "/dealer_test_numeric_leak/cart/quantity"
        self.assertIn((leak, "qty", "1e20"), fuzzer.posted)
        self.assertTrue([f for f in findings if leak in f], findings)

    def _plant_unbounded_route(self):
        """A route that sets the cart's quantity to whatever is posted, as a careless module would add it;
        live for this test only."""

        class UnboundedController(http.Controller):
            __module__ = f"odoo.addons.{LEAK_MODULE}.controllers.portal"

            @http.route("/dealer_test_numeric_leak/cart/quantity", type="http", auth="user", methods=["POST"])
            def unbounded_quantity(self, qty=None, **kw):
                dealer = request.env.user.partner_id.dealer_id
                cart_sudo = dealer.sudo()._dealer_portal_cart(user=request.env.user)
                cart_sudo.order_line.filtered("product_id")[:1].product_uom_qty = float(qty)
                return request.redirect("/my/dealer/cart")

        plant_routes(self, LEAK_MODULE)
