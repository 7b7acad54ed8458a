import json

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerPortalSecurity(HttpCase, DealerPortalCase):
    """Dealer A's portal user tries every dealer ordering route and method on dealer B's ids."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.address_b = cls.env["res.partner"].create(
            {"name": "Zeta Depot of B", "parent_id": cls.dealer_b.id, "type": "delivery", "city": "Test Region"}
        )
        cls.address_b_far = cls.env["res.partner"].create(
            {
                "name": "Zeta Far Depot of B",
                "parent_id": cls.dealer_b.id,
                "type": "delivery",
                "dealer_region_id": cls.foreign_region.id,
            }
        )
        cls.cart_b = cls.dealer_b._dealer_portal_cart(user=cls.portal_b)
        cls.cart_b._dealer_portal_add_rows([{"ref": "1", "product_id": cls.fan.id, "qty": 3}])
        cls.held_b = cls._order(cls, cls.dealer_b)
        cls.held_b.write({"partner_shipping_id": cls.address_b_far.id, "client_order_ref": "ZETA-PO-77"})
        cls.held_b.action_dealer_submit_for_dealer()
        cls.confirmed_b = cls._order(cls, cls.dealer_b)
        cls.confirmed_b.write({"partner_shipping_id": cls.address_b.id, "client_order_ref": "ZETA-PO-88"})
        cls.confirmed_b.action_dealer_submit_for_dealer()
        cls.request_b = cls.confirmed_b._dealer_portal_request_change("Zeta wants blue kettles")
        picking = cls.confirmed_b.picking_ids
        picking.move_ids.quantity = 2
        picking.button_validate()
        cls.env["dealer.deposit.move"].create({"partner_id": cls.dealer_b.id, "amount": 777.0, "name": "Zeta top-up"})
        cls.markers_b = [
            "Dealer B Trading",
            "Zeta",
            "ZETA-PO",
            cls.held_b.name,
            cls.confirmed_b.name,
            cls.cart_b.name,
        ]

    def _assert_no_b_data(self, response):
        for marker in self.markers_b:
            self.assertNotIn(marker, response.text, f"{response.url} shows {marker}")

    def test_dealer_a_never_sees_dealer_b_pages(self):
        self.assertEqual(self.held_b.dealer_review_state, "review")
        self.assertEqual(self.confirmed_b.state, "sale")
        self.authenticate("t_portal_a", "t_portal_a")
        for order in (self.held_b, self.confirmed_b, self.cart_b):
            with mute_logger("odoo.http"):
                response = self.url_open(f"/my/dealer/orders/{order.id}")
            self.assertEqual(response.status_code, 404)
            self._assert_no_b_data(response)
        for url in (
            "/my/dealer",
            "/my/dealer/credit",
            "/my/dealer/catalog",
            "/my/dealer/cart",
            "/my/dealer/orders",
            "/my/dealer/orders?state=review",
            "/my/dealer/orders?state=shipped",
            "/my/dealer/orders?state=cancel",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self._assert_no_b_data(response)

    def test_dealer_a_cannot_act_on_dealer_b_orders(self):
        self.authenticate("t_portal_a", "t_portal_a")
        for action in ("cancel", "change", "change-request", "received", "reorder"):
            for order in (self.held_b, self.confirmed_b, self.cart_b):
                with mute_logger("odoo.http"):
                    response = self._post(
                        f"/my/dealer/orders/{order.id}/{action}", {"description": "A's request on B's order"}
                    )
                self.assertEqual(response.status_code, 404, f"{action} on {order.name}")
                self._assert_no_b_data(response)
        self.assertEqual(self.held_b.state, "draft")
        self.assertEqual(self.held_b.dealer_review_state, "review")
        self.assertFalse(self.held_b.dealer_cart_user_id)
        self.assertEqual(self.confirmed_b.dealer_change_request_ids, self.request_b)
        self.assertFalse(self.confirmed_b.picking_ids.dealer_received_date)
        self.assertFalse(self._cart(self.dealer_a, self.portal_a).order_line)

    def test_dealer_a_cannot_touch_dealer_b_cart_or_address(self):
        self.authenticate("t_portal_a", "t_portal_a")
        line_b = self.cart_b.order_line
        with mute_logger("odoo.http"):
            update = self._post("/my/dealer/cart/update", {"line_id": line_b.id, "qty": "99"})
            remove = self._post("/my/dealer/cart/remove", {"line_id": line_b.id})
        self.assertEqual((update.status_code, remove.status_code), (404, 404))
        self.assertEqual(line_b.product_uom_qty, 3)
        cart_a = self._cart(self.dealer_a, self.portal_a)
        cart_a._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 1}])
        response = self._post(
            "/my/dealer/checkout/submit",
            {"partner_shipping_id": self.address_b.id, "dealer_payment_method": "credit"},
        )
        self.assertIn("Choose one of your delivery addresses", response.text)
        self._assert_no_b_data(response)
        self.assertEqual(cart_a.state, "draft")
        response = self._post("/my/dealer/cart/reward", {"reward_id": "999999"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("not available", response.text)

    def test_posts_without_csrf_token_change_nothing(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart_a = self._cart(self.dealer_a, self.portal_a)
        cart_a._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 1}])
        line = cart_a.order_line
        with mute_logger("odoo.http"):
            for url, data in (
                ("/my/dealer/catalog/add", {f"qty_{self.fan.id}": "1"}),
                ("/my/dealer/cart/update", {"line_id": line.id, "qty": "5"}),
                ("/my/dealer/cart/remove", {"line_id": line.id}),
                ("/my/dealer/cart/coupon", {"code": "PT5K"}),
                ("/my/dealer/checkout/submit", {"partner_shipping_id": self.address_a.id}),
            ):
                response = self.url_open(url, data=data)
                self.assertEqual(response.status_code, 400, url)
        self.assertEqual(cart_a.order_line, line)
        self.assertEqual(line.product_uom_qty, 1)
        self.assertEqual(cart_a.state, "draft")

    def test_methods_reachable_by_rpc_refuse_dealer_a(self):
        for method in (
            "action_dealer_submit_for_dealer",
            "action_dealer_review_approve",
            "action_dealer_review_open_reject",
        ):
            with self.assertRaises(AccessError, msg=method):
                getattr(self.held_b.with_user(self.portal_a), method)()
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.portal_a).action_done()
        Request = self.env["dealer.order.change.request"].with_user(self.portal_a)
        self.assertFalse(Request.search([]))
        with self.assertRaises(AccessError):
            self.request_b.with_user(self.portal_a).read(["description"])
        self.assertEqual(
            self.request_b.with_user(self.portal_b).read(["description"])[0]["description"], "Zeta wants blue kettles"
        )
        # Through the JSON-RPC route as well.
        self.authenticate("t_portal_a", "t_portal_a")
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": "sale.order",
                "method": "action_dealer_review_approve",
                "args": [self.held_b.ids],
                "kwargs": {},
            },
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/web/dataset/call_kw/sale.order/action_dealer_review_approve",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        self.assertIn("error", response.json())
        self.assertEqual(self.held_b.state, "draft")
