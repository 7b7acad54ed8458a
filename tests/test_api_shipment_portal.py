"""A shipment the brand's warehouse system pushes through the API (dealer_api_stock) reaches the
dealer in the portal (dealer_portal): the order page shows the carrier and tracking numbers, and the
shipped e-mail carries them."""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_portal.tests.common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestShipmentPushedThroughTheApi(HttpCase, DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wms_key = cls.env["dealer.api.key"]._generate_integration("Brand WMS", ["shipments:write"])[1]
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "1000")

    def _submitted_order(self):
        cart = self.dealer_a._dealer_portal_cart(user=self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 3}])
        cart.write({"dealer_payment_method": "credit", "partner_shipping_id": self.address_a.id})
        self.assertTrue(cart.with_user(self.portal_a).sudo()._dealer_portal_submit())
        return cart

    def _push(self, body, key="ship-portal-1"):
        headers = {
            "Authorization": f"Bearer {self.wms_key}",
            "Idempotency-Key": key,
            "Content-Type": "application/json",
        }
        with mute_logger("werkzeug"):
            return self.url_open("/dealer_api/v1/shipments", data=json.dumps(body), headers=headers)

    def test_dealer_sees_the_tracking_numbers_the_brand_pushed(self):
        order = self._submitted_order()
        body = {
            "order": order.name,
            "carrier": "SF Express",
            "tracking_numbers": ["SF1234567890", "SF1234567891"],
            "lines": [{"sku": "PT-KETTLE", "qty": 2}],
        }
        response = self._push(body)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["shipments"][0]["tracking_numbers"], ["SF1234567890", "SF1234567891"])
        shipped = order.picking_ids.filtered(lambda p: p.state == "done")
        mail = order.message_ids.filtered(lambda m: "shipped" in (m.subject or ""))
        self.assertIn("SF1234567890, SF1234567891", str(mail.body))
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open(f"/my/dealer/orders/{order.id}").text
        self.assertIn(shipped.name, page)
        self.assertIn("SF Express", page)
        self.assertIn("SF1234567890, SF1234567891", page)
        # Dealer B never reads dealer A's order nor its tracking numbers.
        self.authenticate("t_portal_b", "t_portal_b")
        self.assertNotIn("SF1234567890", self.url_open(f"/my/dealer/orders/{order.id}").text)
