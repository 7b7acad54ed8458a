from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .test_order_payment_common import OrderPaymentCase


@tagged("post_install", "-at_install")
class TestInvoicePayment(HttpCase, OrderPaymentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.invoice_1 = cls._move(cls, cls.dealer_a, 300.0, today - timedelta(days=5))
        cls.invoice_2 = cls._move(cls, cls.dealer_a, 200.0, today)
        cls.invoice_b = cls._move(cls, cls.dealer_b, 250.0, today)

    def _tx_params(self, **values):
        return dict(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "token_id": None,
                "amount": 1.0,
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": "/my/invoices",
                "is_validation": False,
            },
            **values,
        )

    def _pay_route(self, *invoices):
        return "/my/dealer/invoices/pay/transaction?invoice_ids=" + ",".join(str(i.id) for i in invoices)

    def test_accountant_pays_several_invoices_in_one_payment(self):
        self.authenticate("t_accountant_a", "t_accountant_a")
        listing = self.url_open("/my/invoices")
        self.assertIn("/my/dealer/invoices/pay", listing.text)
        page = self.url_open("/my/dealer/invoices/pay")
        self.assertIn(self.invoice_1.name, page.text)
        self.assertNotIn(self.invoice_b.name, page.text)
        # Both invoices ticked in the selection form: both are paid, for their total.
        page = self.url_open(f"/my/dealer/invoices/pay?invoice_ids={self.invoice_1.id}&invoice_ids={self.invoice_2.id}")
        self.assertIn("o_payment_form", page.text)
        self.assertIn(self.invoice_1.name, page.text)
        self.assertIn(self.invoice_2.name, page.text)
        self.assertIn(f"invoice_ids={self.invoice_1.id},{self.invoice_2.id}", page.text)
        ids = f"{self.invoice_1.id},{self.invoice_2.id}"
        page = self.url_open(f"/my/dealer/invoices/pay?invoice_ids={ids}")
        self.assertIn("o_payment_form", page.text)
        result = self.make_jsonrpc_request(self._pay_route(self.invoice_1, self.invoice_2), self._tx_params())
        tx = self.env["payment.transaction"].sudo().search([("reference", "=", result["reference"])])
        self.assertEqual(tx.invoice_ids, self.invoice_1 | self.invoice_2)
        self.assertEqual(tx.amount, 500.0)
        # The same form sent again: the same transaction, and no batch-payment number taken for nothing.
        sequence = self.invoice_1.company_id.sudo().batch_payment_sequence_id
        number_next = sequence.number_next_actual
        again = self.make_jsonrpc_request(self._pay_route(self.invoice_1, self.invoice_2), self._tx_params())
        self.assertEqual(again["reference"], result["reference"])
        sequence.invalidate_recordset()
        self.assertEqual(sequence.number_next_actual, number_next)
        self._done(tx)
        self.assertEqual(set((self.invoice_1 | self.invoice_2).mapped("payment_state")) - {"paid", "in_payment"}, set())

    def test_buyer_without_the_accountant_role_cannot_pay_invoices(self):
        self.authenticate("t_buyer_a", "t_buyer_a")
        self.assertEqual(self.url_open("/my/dealer/invoices/pay").status_code, 403)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(self._pay_route(self.invoice_1), self._tx_params())
        # Nor through Odoo's own invoice payment route, even with the invoice's link.
        token = self.invoice_1._portal_ensure_token()
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"/invoice/transaction/{self.invoice_1.id}", self._tx_params(access_token=token))
        self.assertFalse(self.invoice_1.transaction_ids)

    def test_another_dealers_invoice_cannot_be_paid(self):
        self.authenticate("t_accountant_a", "t_accountant_a")
        self.assertEqual(self.url_open(f"/my/dealer/invoices/pay?invoice_ids={self.invoice_b.id}").status_code, 404)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(self._pay_route(self.invoice_1, self.invoice_b), self._tx_params())
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                f"/invoice/transaction/{self.invoice_b.id}", self._tx_params(access_token="0" * 36)
            )
        self.assertFalse((self.invoice_1 | self.invoice_b).transaction_ids)

    def test_anonymous_visitor_cannot_reach_the_invoice_payment_page(self):
        response = self.url_open("/my/dealer/invoices/pay", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_paid_invoice_cannot_be_paid_again(self):
        self._done(self._transaction(invoices=self.invoice_1, amount=300.0))
        self.authenticate("t_accountant_a", "t_accountant_a")
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(self._pay_route(self.invoice_1), self._tx_params())

    def test_wire_transfer_provider_replaces_the_transfer_declaration(self):
        self.authenticate("t_accountant_a", "t_accountant_a")
        page = self.url_open(f"/my/invoices/{self.invoice_1.id}")
        self.assertNotIn("o_dealer_declare_transfer", page.text)
        self.assertIn("o_dealer_pay_deposit", page.text)
        # Odoo's payment form with the wire-transfer provider: a pending transaction and its reference.
        self.assertIn("o_payment_form", page.text)
        result = self.make_jsonrpc_request(
            self._pay_route(self.invoice_1),
            self._tx_params(
                provider_id=self.wire_transfer.id, payment_method_id=self.wire_transfer.payment_method_ids[:1].id
            ),
        )
        tx = self.env["payment.transaction"].sudo().search([("reference", "=", result["reference"])])
        tx._set_pending()
        tx._post_process()
        self.assertEqual(tx.state, "pending")
        self.assertEqual(self.invoice_1.payment_state, "not_paid")
        self.assertIn(self.invoice_1.name, tx.reference)
        self.assertFalse(self.invoice_1._dealer_portal_offers_transfer_declaration())
        with self.assertRaises(UserError):
            self.invoice_1.with_user(self.accountant_a)._dealer_portal_declare_transfer("BANK-REF-1")
        self.wire_transfer.state = "disabled"
        self.assertTrue(self.invoice_1._dealer_portal_offers_transfer_declaration())
        page = self.url_open(f"/my/invoices/{self.invoice_1.id}")
        self.assertIn("o_dealer_declare_transfer", page.text)
