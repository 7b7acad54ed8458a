from odoo import Command, fields

from ..controllers.payments import PAYMENTS_CREATE
from .common import ApiCase

PATH = "/dealer_api/v1/payments"


class TestApiPayments(ApiCase):
    """The brand's ERP pushes payments dealers made outside Odoo: posted, reconciled, counted once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.erp_key = cls.env["dealer.api.key"]._generate_integration("Brand ERP payments", ["payments:write"])[1]
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "1000")
        cls.company = cls.env.company
        cls.bank = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], order="sequence, id", limit=1
        )
        cls.invoice_a1 = cls._invoice(cls.dealer_a, 300.0)
        cls.invoice_a2 = cls._invoice(cls.dealer_a, 200.0)
        cls.invoice_b = cls._invoice(cls.dealer_b, 500.0)

    @classmethod
    def _invoice(cls, partner, amount):
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Kettles", "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _push(self, payments, key=None, idempotency="pay-1"):
        return self._process(
            key or self.erp_key,
            body={"payments": payments},
            headers={"Idempotency-Key": idempotency},
            path=PATH,
            **PAYMENTS_CREATE.route_values(),
        )

    def _payments(self, reference=None):
        domain = [("dealer_api_reference", "!=", False)]
        return self.env["account.payment"].search(
            domain + ([("dealer_api_reference", "=", reference)] if reference else [])
        )

    def test_a_payment_of_invoices_is_posted_in_the_bank_journal_and_pays_them(self):
        credit_before = self.dealer_a.credit
        today = fields.Date.to_string(fields.Date.today())
        row = {
            "dealer": "TA01",
            "amount": 400.0,
            "date": today,
            "reference": "BANK-0001",
            "invoices": [self.invoice_a1.name, self.invoice_a2.name],
        }
        status, answer, _headers = self._push([row])
        self.assertEqual(status, 200, answer)
        payment = self._payments("BANK-0001")
        self.assertEqual((payment.partner_id, payment.amount, payment.journal_id), (self.dealer_a, 400.0, self.bank))
        self.assertEqual(payment.payment_type, "inbound")
        self.assertTrue(payment.move_id and payment.move_id.state == "posted")
        self.assertEqual(self.invoice_a1.amount_residual + self.invoice_a2.amount_residual, 100.0)
        self.env.invalidate_all()
        self.assertEqual(self.dealer_a.credit, credit_before - 400.0)
        [paid] = answer["payments"]
        self.assertEqual((paid["reference"], paid["dealer"], paid["name"]), ("BANK-0001", "TA01", payment.name))
        self.assertEqual(sum(invoice["amount_residual"] for invoice in paid["invoices"]), 100.0)

    def test_a_payment_without_invoices_lowers_the_dealers_receivable(self):
        credit_before = self.dealer_b.credit
        row = {"dealer": "TB01", "amount": 120.5, "date": "2026-11-20", "reference": "BANK-0002"}
        status, answer, _headers = self._push([row])
        self.assertEqual(status, 200, answer)
        self.env.invalidate_all()
        self.assertEqual(self.dealer_b.credit, credit_before - 120.5)
        self.assertEqual(answer["payments"][0]["invoices"], [])
        self.assertEqual(self.invoice_b.amount_residual, 500.0)

    def test_a_payment_is_recorded_once_whatever_the_idempotency_key(self):
        row = {"dealer": "TA01", "amount": 50.0, "date": "2026-11-20", "reference": "BANK-0003"}
        first = self._push([row])
        again = self._push([row])
        self.assertEqual((first[0], again[:2], again[2].get("Idempotent-Replay")), (200, first[:2], "true"))
        status, answer, _headers = self._push([row], idempotency="pay-2")
        self.assertEqual((status, answer["errors"][0]["field"]), (422, "reference"))
        status, answer, _headers = self._push([row, dict(row, dealer="TB01")], idempotency="pay-3")
        self.assertEqual(status, 422)
        self.assertEqual(len(self._payments("BANK-0003")), 1)
        # The same reference of another dealer is another payment.
        self.assertEqual(self._push([dict(row, dealer="TB01")], idempotency="pay-4")[0], 200)
        self.assertEqual(len(self._payments("BANK-0003")), 2)

    def test_wrong_rows_record_nothing_and_are_all_listed(self):
        good = {"dealer": "TA01", "amount": 10.0, "date": "2026-11-20", "reference": "BANK-0100"}
        rows = [
            good,
            dict(good, reference="BANK-0101", dealer="NOPE"),
            dict(good, reference="BANK-0102", amount=0),
            dict(good, reference="BANK-0103", amount=1.001),
            dict(good, reference="BANK-0104", amount=1e13),
            dict(good, reference="BANK-0105", date="2999-01-01"),
            dict(good, reference="BANK-0106", currency="XXX"),
            dict(good, reference=""),
            dict(good, reference="BANK-0100"),
            # More than what the invoice still owes.
            dict(good, reference="BANK-0108", amount=300.01, invoices=[self.invoice_a1.name]),
            # Another dealer's invoice is no invoice of this dealer.
            dict(good, reference="BANK-0109", invoices=[self.invoice_b.name]),
        ]
        status, answer, _headers = self._push(rows)
        self.assertEqual((status, answer["error"]), (422, "invalid_payments"))
        self.assertEqual([error["row"] for error in answer["errors"]], list(range(2, 12)))
        self.assertNotIn(self.invoice_b.partner_id.name, str(answer))
        for body in ([], [good] * 101, "x"):
            self.assertEqual(
                self._process(
                    self.erp_key,
                    body={"payments": body},
                    headers={"Idempotency-Key": "k"},
                    path=PATH,
                    **PAYMENTS_CREATE.route_values(),
                )[0],
                400,
            )
        self.assertFalse(self._payments())
        self.assertEqual(self.invoice_a1.amount_residual, 300.0)

    def test_the_configured_journal_receives_the_payments(self):
        other = self.env["account.journal"].create(
            {"name": "Brand Bank 2", "code": "BNK9", "type": "bank", "company_id": self.company.id}
        )
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.payment_journal_id", str(other.id))
        row = {"dealer": "TA01", "amount": 10.0, "date": "2026-11-20", "reference": "BANK-0200"}
        self.assertEqual(self._push([row])[0], 200)
        self.assertEqual(self._payments("BANK-0200").journal_id, other)

    def test_dealer_keys_and_keys_without_the_scope_are_refused(self):
        row = {"dealer": "TA01", "amount": 10.0, "date": "2026-11-20", "reference": "BANK-0300"}
        status, answer, _headers = self._push([row], key=self.key_a)
        self.assertEqual((status, answer["error"]), (403, "wrong_key_type"))
        status, answer, _headers = self._push([row], key=self.integration_key)
        self.assertEqual((status, answer["error"]), (403, "missing_scope"))
        self.assertFalse(self._payments())

    def test_checking_the_rows_costs_the_same_queries_whatever_their_number(self):
        invoices = self.invoice_a1 | self.invoice_a2 | self.invoice_b
        invoices |= self._invoice(self.dealer_a, 10.0) | self._invoice(self.dealer_b, 10.0)
        Call = self.env["dealer.api.call"].sudo()
        journal = Call._dealer_api_payment_journal()

        def queries(count):
            rows = [
                {
                    "dealer": invoice.partner_id.dealer_code,
                    "amount": 1.0,
                    "date": "2026-11-20",
                    "reference": f"Q-{invoice.id}",
                    "invoices": [invoice.name],
                }
                for invoice in invoices[:count]
            ]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            payments, errors = Call._dealer_api_payment_rows(rows, journal)
            self.assertEqual((len(payments), errors), (count, []))
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(1), queries(5))
