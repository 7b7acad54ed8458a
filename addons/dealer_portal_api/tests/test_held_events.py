from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestHeldEvents(DealerPortalCase):
    """Orders the platform holds raise order.held for the dealer's systems, with the reasons."""

    def _held_events(self, order):
        return self.env["dealer.api.event"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id), ("event_type", "=", "order.held")]
        )

    def _submit(self, qty):
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": qty}])
        cart.write({"dealer_payment_method": "credit", "partner_shipping_id": self.address_a.id})
        confirmed = cart.with_user(self.portal_a).sudo()._dealer_portal_submit()
        return cart, confirmed

    def test_an_order_held_for_review_raises_order_held_with_its_reasons(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.min_order_amount", "100000")
        cart, confirmed = self._submit(2)
        self.assertFalse(confirmed)
        event = self._held_events(cart)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.dealer_id, self.dealer_a)
        self.assertEqual([hold["kind"] for hold in event.payload["holds"]], ["review"])
        self.assertIn("minimum", event.payload["holds"][0]["reason"].lower())
        self.assertEqual(event.payload["state"], "draft")

    def test_an_order_put_on_credit_hold_raises_order_held(self):
        order = self._order(self.dealer_a)
        self.dealer_a.credit_limit = 1.0
        order.action_confirm()
        self.assertEqual(order.credit_state, "hold")
        event = self._held_events(order)
        self.assertEqual([hold["kind"] for hold in event.payload["holds"]], ["credit"])
        self.assertEqual(event.payload["holds"][0]["reason"], order.credit_hold_reason)

    def test_an_order_confirmed_at_once_raises_no_held_event(self):
        cart, confirmed = self._submit(2)
        self.assertTrue(confirmed)
        self.assertFalse(self._held_events(cart))
