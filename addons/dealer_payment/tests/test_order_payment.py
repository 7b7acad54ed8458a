from odoo.tests import HttpCase, JsonRpcException, tagged

from .test_order_payment_common import OrderPaymentCase


@tagged("post_install", "-at_install")
class TestOrderPayment(HttpCase, OrderPaymentCase):
    def _tx_params(self, **values):
        return dict(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "token_id": None,
                "amount": 1.0,  # never trusted: the route computes the amount
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": "/evil",
                "is_validation": False,
            },
            **values,
        )

    # ------------------------------------------------------------
    # CHECKOUT AND ORDER PAGE
    # ------------------------------------------------------------

    def test_checkout_with_online_payment_lands_on_the_payment_form(self):
        self.authenticate("t_buyer_a", "t_buyer_a")
        cart = self._cart_with(self.buyer_a)
        page = self.url_open("/my/dealer/checkout")
        self.assertIn('value="online"', page.text)
        response = self._post(
            "/my/dealer/checkout/submit",
            {"partner_shipping_id": self.dealer_a.id, "dealer_payment_method": "online", "submit_key": "k-online"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/dealer/orders/{cart.id}", response.url)
        self.assertEqual((cart.state, cart.dealer_payment_method), ("sale", "online"))
        # Odoo's payment form, shown open, with the company's provider and the order's transaction route.
        self.assertIn("o_payment_form", response.text)
        self.assertIn(f"/my/dealer/orders/{cart.id}/transaction", response.text)
        self.assertIn("collapse show", response.text)
        # The brand's bank account and the order's reference for a bank transfer.
        self.assertIn("o_dealer_order_wire_transfer", response.text)
        self.assertIn(cart.name, response.text)

    def test_confirmed_unpaid_order_shows_pay_now_until_paid(self):
        order = self._confirmed_order()
        self.authenticate("t_buyer_a", "t_buyer_a")
        page = self.url_open(f"/my/dealer/orders/{order.id}")
        self.assertIn("o_dealer_order_pay_now", page.text)
        self._done(self._transaction(order))
        page = self.url_open(f"/my/dealer/orders/{order.id}")
        self.assertNotIn("o_dealer_order_pay_now", page.text)

    def test_transaction_route_pays_what_is_due_and_links_the_order(self):
        order = self._confirmed_order()
        self.authenticate("t_buyer_a", "t_buyer_a")
        result = self.make_jsonrpc_request(f"/my/dealer/orders/{order.id}/transaction", self._tx_params())
        tx = self.env["payment.transaction"].sudo().search([("reference", "=", result["reference"])])
        self.assertEqual(tx.sale_order_ids, order)
        self.assertEqual(tx.amount, order.amount_total)
        self.assertEqual(tx.partner_id, self.buyer_a.partner_id)
        self.assertEqual(tx.landing_route, f"/my/dealer/orders/{order.id}")
        self.assertTrue(tx.reference.startswith(order.name))

    def test_transaction_route_refuses_a_provider_of_another_company_and_validation(self):
        order = self._confirmed_order()
        other = self.provider.copy({"company_id": self.env["res.company"].create({"name": "Other Co"}).id})
        self.authenticate("t_buyer_a", "t_buyer_a")
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                f"/my/dealer/orders/{order.id}/transaction", self._tx_params(provider_id=other.id)
            )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"/my/dealer/orders/{order.id}/transaction", self._tx_params(is_validation=True))
        self.assertFalse(order.transaction_ids)

    # ------------------------------------------------------------
    # A DONE PAYMENT: ACCOUNTING
    # ------------------------------------------------------------

    def test_done_payment_is_posted_and_reconciled_with_the_invoice_made_later(self):
        order = self._confirmed_order()
        tx = self._done(self._transaction(order))
        self.assertEqual(tx.payment_id.state, "in_process")
        self.assertEqual(tx.payment_id.partner_id, self.dealer_a)
        self.assertEqual(order._dealer_payment_due_amounts()[order.id], 0.0)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        # The dealer's statement shows the payment.
        today = tx.payment_id.date
        data = self.env["dealer.statement"]._dealer_statement_data(self.dealer_a, today, today)
        self.assertEqual(data["paid"], order.amount_total)
        self.assertIn("payment", [line["kind"] for line in data["lines"]])

    def test_paying_an_invoiced_order_reconciles_its_open_invoice(self):
        order = self._confirmed_order()
        invoice = order._create_invoices()
        invoice.action_post()
        self.authenticate("t_buyer_a", "t_buyer_a")
        result = self.make_jsonrpc_request(f"/my/dealer/orders/{order.id}/transaction", self._tx_params())
        tx = self.env["payment.transaction"].sudo().search([("reference", "=", result["reference"])])
        self.assertEqual(tx.invoice_ids, invoice)
        self._done(tx)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_failed_or_cancelled_payment_changes_nothing(self):
        self._deposit(self.dealer_a, 500.0)
        self.dealer_a.invalidate_recordset()
        deposit = self.dealer_a.dealer_deposit_balance
        order = self._confirmed_order()
        invoice = order._create_invoices()
        invoice.action_post()
        for finish in ("_set_canceled", "_set_error"):
            tx = self._transaction(order)
            getattr(tx, finish)(*(["declined"] if finish == "_set_error" else []))
            tx._post_process()
            self.assertFalse(tx.payment_id)
        self.assertEqual(order.state, "sale")
        self.assertEqual(invoice.payment_state, "not_paid")
        self.dealer_a.invalidate_recordset()
        self.assertEqual(self.dealer_a.dealer_deposit_balance, deposit)
        self.assertEqual(order._dealer_payment_due_amounts()[order.id], order.amount_total)

    # ------------------------------------------------------------
    # SECURITY
    # ------------------------------------------------------------

    def test_another_dealers_order_is_neither_shown_nor_paid(self):
        order_b = self._confirmed_order(self.dealer_b)
        self.authenticate("t_buyer_a", "t_buyer_a")
        self.assertEqual(self.url_open(f"/my/dealer/orders/{order_b.id}").status_code, 404)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"/my/dealer/orders/{order_b.id}/transaction", self._tx_params())
        self.assertFalse(order_b.transaction_ids)

    def test_paying_an_order_needs_the_buyer_role(self):
        order = self._confirmed_order()
        self.authenticate("t_accountant_a", "t_accountant_a")
        page = self.url_open(f"/my/dealer/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_payment_form", page.text)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"/my/dealer/orders/{order.id}/transaction", self._tx_params())
        self.assertFalse(order.transaction_ids)

    def test_anonymous_visitor_gets_no_payment_route(self):
        order = self._confirmed_order()
        response = self.url_open(
            f"/my/dealer/orders/{order.id}/transaction",
            data='{"jsonrpc": "2.0", "method": "call", "params": {}}',
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("error", response.json())
        self.assertFalse(order.transaction_ids)
        page = self.url_open(f"/my/dealer/orders/{order.id}", allow_redirects=False)
        self.assertIn(page.status_code, (302, 303))

    def test_waiting_quotation_and_cart_cannot_be_paid(self):
        cart = self._cart_with(self.buyer_a)
        quotation = self._confirmed_order().copy()
        orders = cart | quotation
        self.assertEqual(orders._dealer_payment_due_amounts(), {cart.id: 0.0, quotation.id: 0.0})

    def test_due_amounts_take_a_fixed_number_of_queries(self):
        orders = self._confirmed_order()
        self._done(self._transaction(orders))
        orders.invalidate_model()
        with self.assertQueryCount(__system__=9):
            orders._dealer_payment_due_amounts()
        more = orders | self._confirmed_order() | self._confirmed_order() | self._confirmed_order()
        for order in more[1:]:
            self._done(self._transaction(order))
        more.invalidate_model()
        with self.assertQueryCount(__system__=9):
            more._dealer_payment_due_amounts()
