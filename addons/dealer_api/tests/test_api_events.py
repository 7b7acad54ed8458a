from odoo import Command

from .common import ApiCase


class TestApiEvents(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env["dealer.api.event"]
        cls.customer = cls.env["res.partner"].create({"name": "Walk-in Customer"})

    def _events(self, records, event_type=None):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        if event_type:
            domain.append(("event_type", "=", event_type))
        return self.Event.search(domain, order="id")

    def _invoice(self, order):
        invoice = order._create_invoices()
        invoice.action_post()
        return invoice

    def _pay(self, invoice):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({})
            ._create_payments()
        )

    def test_confirming_a_dealer_order_records_order_confirmed_with_its_snapshot(self):
        order = self._order(self.dealer_a)
        order.client_order_ref = "PO-778"
        order.action_confirm()
        event = self._events(order)
        self.assertEqual(event.mapped("event_type"), ["order.confirmed"])
        self.assertEqual((event.dealer_id, event.reference), (self.dealer_a, order.name))
        payload = event.payload
        self.assertEqual((payload["reference"], payload["client_order_ref"]), (order.name, "PO-778"))
        self.assertEqual(payload["state"], "sale")
        self.assertEqual(payload["amount_total"], order.amount_total)
        self.assertEqual([(line["product"], line["quantity"]) for line in payload["lines"]], [("Test Kettle", 2.0)])
        body = event._dealer_api_json()[event.id]
        self.assertEqual(body["object"], {"type": "order", "id": order.id, "reference": order.name})
        self.assertEqual(body["dealer"], {"code": "TA01", "name": "Dealer A Trading"})

    def test_orders_invoices_and_payments_of_other_customers_record_nothing(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
            }
        )
        order.action_confirm()
        invoice = self._invoice(order)
        payment = self._pay(invoice)
        self.assertEqual(order.state, "sale")
        self.assertEqual(invoice.payment_state in ("paid", "in_payment"), True)
        self.assertFalse(self._events(order) | self._events(invoice) | self._events(payment))

    def test_posting_and_paying_a_dealer_invoice_records_invoiced_posted_received_and_paid(self):
        order = self._order(self.dealer_a)
        order.action_confirm()
        invoice = self._invoice(order)
        self.assertEqual(self._events(order).mapped("event_type"), ["order.confirmed", "order.invoiced"])
        posted = self._events(invoice)
        self.assertEqual(posted.mapped("event_type"), ["invoice.posted"])
        self.assertEqual(posted.payload["orders"], [order.name])
        self.assertEqual(posted.payload["amount_residual"], invoice.amount_total)
        invoiced = self._events(order, "order.invoiced")
        self.assertEqual([i["number"] for i in invoiced.payload["invoices"]], [invoice.name])

        payment = self._pay(invoice)
        received = self._events(payment)
        self.assertEqual(received.mapped("event_type"), ["payment.received"])
        self.assertEqual((received.dealer_id, received.payload["amount"]), (self.dealer_a, invoice.amount_total))
        paid = self._events(order, "order.paid")
        self.assertEqual(len(paid), 1)
        self.assertIn(paid.payload["invoices"][0]["payment_state"], ("paid", "in_payment"))

    def test_a_partial_payment_does_not_record_order_paid(self):
        order = self._order(self.dealer_a)
        order.action_confirm()
        invoice = self._invoice(order)
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {"amount": invoice.amount_total / 2}
        )._create_payments()
        self.assertEqual(invoice.payment_state, "partial")
        self.assertFalse(self._events(order, "order.paid"))
        self.assertEqual(len(self._events(order, "order.invoiced")), 1)

    def test_emitting_for_many_orders_takes_no_more_queries_than_for_one(self):
        orders = self.env["sale.order"]
        for index in range(6):
            orders |= self._order(self.dealer_a if index % 2 else self.dealer_b)
        counts = []
        for batch in (orders[:1], orders[1:]):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.Event._dealer_api_emit("order.held", batch)
            counts.append(self.cr.sql_log_count - before)
        # The modules installed add their payloads' queries, never one per order.
        self.assertLessEqual(counts[1], counts[0])
        self.assertEqual(len(self._events(orders, "order.held")), 6)
