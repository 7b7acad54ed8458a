"""A dealer's system and the brand's warehouse system working through the API alone, over HTTP:
the dealer's system registers a webhook, reads its catalog and places an order at its price; the
brand's system pushes the shipment with its tracking number; the dealer's receiver gets
``order.shipped`` signed with the subscription's secret, and the order reads as shipped."""

import json

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_api.tests.webhook_receiver import WebhookReceiver, verify
from odoo.addons.dealer_portal_api.tests.common import ApiHttpMixin, ApiOrdersCase


@tagged("post_install", "-at_install")
class TestApiEndToEnd(ApiHttpMixin, HttpCase, ApiOrdersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wms_key = cls.env["dealer.api.key"]._generate_integration("Brand WMS", ["shipments:write"])[1]
        # The receiver listens on the loopback interface, refused to webhooks outside the tests.
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "1")

    def _send_webhooks(self):
        """What the scheduled action sending the webhooks does when it runs."""
        self.env.ref("dealer_api.ir_cron_dealer_api_webhook_send").method_direct_trigger()

    def test_dealer_system_orders_through_the_api_and_hears_the_brand_ship_it(self):
        receiver = WebhookReceiver()
        self.addCleanup(receiver.close)

        # The dealer's system subscribes to the shipments of its orders.
        subscribed = self._send(
            "POST",
            "/webhooks",
            self.key_a,
            {"url": receiver.url, "events": ["order.shipped"]},
            headers={"Idempotency-Key": "hook-erp-a"},
        )
        self.assertEqual(subscribed.status_code, 200, subscribed.text)
        secret = subscribed.json()["webhook"]["secret"]
        self.assertTrue(secret)

        # It reads its catalog: the kettle at dealer A's own price.
        catalog = self._send("GET", "/catalog", self.key_a, params={"limit": 100})
        self.assertEqual(catalog.status_code, 200, catalog.text)
        products = {product["sku"]: product for product in catalog.json()["products"]}
        kettle = products["PT-KETTLE"]
        price, _breaks = self.kettle._dealer_portal_prices(self.pricelist_a)[self.kettle.id]
        self.assertEqual(kettle["price"], price)

        # It places an order of what it read.
        placed = self._send(
            "POST",
            "/orders",
            self.key_a,
            {"lines": [{"sku": kettle["sku"], "qty": 3}], "client_order_ref": "ERP-A-1001"},
            headers={"Idempotency-Key": "ERP-A-1001"},
        )
        self.assertEqual(placed.status_code, 200, placed.text)
        placed_order = placed.json()["order"]
        self.assertEqual(placed_order["state"], "confirmed")
        order = self.env["sale.order"].browse(placed_order["id"])
        self.assertEqual(order.partner_id.commercial_partner_id, self.dealer_a)
        self.assertEqual(order.order_line.price_unit, kettle["price"])

        # Nothing shipped yet: the receiver has heard nothing.
        self._send_webhooks()
        self.assertFalse(receiver.requests)

        # The brand's warehouse system pushes the shipment and its tracking number.
        pushed = self._send(
            "POST",
            "/shipments",
            self.wms_key,
            {"order": placed_order["reference"], "carrier": "SF Express", "tracking_numbers": ["SF1234567890"]},
            headers={"Idempotency-Key": "WMS-SHIP-1"},
        )
        self.assertEqual(pushed.status_code, 200, pushed.text)

        # The dealer's receiver gets order.shipped once, signed with the subscription's secret.
        self._send_webhooks()
        self.assertEqual(len(receiver.requests), 1)
        [delivery] = receiver.requests
        self.assertTrue(verify(secret, delivery["headers"]["X-Dealer-Signature"], delivery["body"]))
        self.assertFalse(verify("another secret", delivery["headers"]["X-Dealer-Signature"], delivery["body"]))
        event = json.loads(delivery["body"])
        self.assertEqual((event["type"], event["object"]["reference"]), ("order.shipped", order.name))
        self.assertEqual(event["dealer"]["code"], self.dealer_a.dealer_code)
        [shipment] = event["data"]["shipments"]
        self.assertEqual(event["data"]["shipped_now"], [shipment["reference"]])
        self.assertEqual((shipment["carrier"], shipment["tracking_numbers"]), ("SF Express", ["SF1234567890"]))
        self._send_webhooks()
        self.assertEqual(len(receiver.requests), 1, "a delivered event is not sent again")

        # Reading the order gives the shipment with its tracking number.
        read = self._send("GET", f"/orders/{order.id}", self.key_a)
        self.assertEqual(read.status_code, 200, read.text)
        [shipment] = read.json()["order"]["shipments"]
        self.assertEqual(shipment["tracking_numbers"], ["SF1234567890"])
        # Dealer B's system neither reads the order nor heard of it.
        self.assertEqual(self._send("GET", f"/orders/{order.id}", self.key_b).status_code, 404)
