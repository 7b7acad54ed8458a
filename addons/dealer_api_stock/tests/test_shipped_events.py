import json

from odoo.addons.dealer_api.tests.common import ApiCase
from odoo.addons.dealer_api.tests.webhook_receiver import WebhookReceiver, verify


class TestShippedEvents(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "1")
        cls.Event = cls.env["dealer.api.event"]

    def _ship(self, order, quantity=None):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        for move in picking.move_ids:
            move.quantity = quantity if quantity is not None else move.product_uom_qty
            move.picked = True
        picking.with_context(skip_backorder=True, cancel_backorder=quantity is None).button_validate()
        return picking

    def _events(self, order):
        return self.Event.search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id), ("event_type", "=", "order.shipped")]
        )

    def test_a_dealer_order_delivered_raises_order_shipped_with_its_shipment(self):
        receiver = WebhookReceiver()
        self.addCleanup(receiver.close)
        webhook = self.env["dealer.api.webhook"].create(
            {"name": "A's ERP", "url": receiver.url, "dealer_id": self.dealer_a.id, "event_types": "order.shipped"}
        )
        order = self._order(self.dealer_a)
        order.action_confirm()
        self.assertFalse(self._events(order))
        picking = self._ship(order)
        self.assertEqual(picking.state, "done")
        event = self._events(order)
        self.assertEqual(len(event), 1)
        self.assertEqual(event.payload["shipped_now"], [picking.name])
        [shipment] = event.payload["shipments"]
        self.assertEqual((shipment["reference"], shipment["lines"][0]["quantity"]), (picking.name, 2.0))
        # The dealer's webhook receives it, signed.
        webhook.delivery_ids._dealer_api_send()
        [request] = receiver.requests
        self.assertTrue(verify(webhook.secret, request["headers"]["X-Dealer-Signature"], request["body"]))
        body = json.loads(request["body"])
        self.assertEqual((body["type"], body["object"]["reference"]), ("order.shipped", order.name))

    def test_deliveries_of_other_customers_and_receipts_raise_nothing(self):
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        order = self._order(self.dealer_a)
        order.partner_id = customer
        order.action_confirm()
        self._ship(order)
        self.assertFalse(self._events(order))
        self.assertFalse(self.Event.search([("res_model", "=", "stock.picking")]))
