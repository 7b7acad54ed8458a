import json
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_invoice_request.tests.common import InvoiceRequestCase

from ..controllers.vat_numbers import VAT_NUMBERS_WRITE

PATH = "/dealer_api/v1/invoices/vat_numbers"


@tagged("post_install", "-at_install")
class TestApiVatNumbers(InvoiceRequestCase):
    """The brand's invoicing system pushes the VAT invoice numbers (发票号) of dealers' invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Key = cls.env["dealer.api.key"]
        cls.invoicing_key = Key._generate_integration("Brand invoicing", ["invoices:write"])[1]
        cls.shipping_key = Key._generate_integration("Brand WMS", ["shipments:write"])[1]
        cls.dealer_key = Key._generate(cls.dealer_a, "Dealer A ERP")[1]
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "1000")
        cls.invoice_a = cls._posted_invoice(cls.dealer_a, dealer_invoice_type="special")
        cls.invoice_a2 = cls._posted_invoice(cls.dealer_a, dealer_invoice_type="ordinary")
        cls.invoice_b = cls._posted_invoice(cls.dealer_b)
        cls.invoice_customer = cls._posted_invoice(cls.customer)
        cls.draft_a = cls._sale(cls.dealer_a)._create_invoices()
        # The invoicing system names the dealer with the number: other companies may number alike.
        cls.dealer_of = {
            invoice.name: invoice.commercial_partner_id.dealer_code
            for invoice in cls.invoice_a | cls.invoice_a2 | cls.invoice_b
        }

    @classmethod
    def _posted_invoice(cls, partner, **vals):
        invoice = cls._sale(partner, **vals)._create_invoices()
        invoice.action_post()
        return invoice

    def _push(self, rows, key=None, idempotency="vat-1"):
        rows = [
            dict(row, dealer=self.dealer_of[row["invoice"]])
            if isinstance(row, dict) and "dealer" not in row and row.get("invoice") in self.dealer_of
            else row
            for row in rows
        ]
        return (
            self.env["dealer.api.call"]
            .sudo()
            ._process(
                key or self.invoicing_key,
                {
                    "method": "POST",
                    "path": PATH,
                    "route": VAT_NUMBERS_WRITE.route_values(),
                    "params": {},
                    "headers": {"Idempotency-Key": idempotency},
                    "body": json.dumps({"invoices": rows}).encode(),
                    "ip_address": "127.0.0.1",
                },
            )
        )

    def test_vat_invoice_numbers_are_written_on_the_dealers_invoices(self):
        # The day of the invoice, in the user's time zone as the invoice was dated.
        today = fields.Date.to_string(self.invoice_a.invoice_date)
        rows = [
            {
                "invoice": self.invoice_a.name,
                "vat_invoice_number": "2631 2000 0000 0000 0042",
                "vat_invoice_date": today,
            },
            {"invoice": self.invoice_b.name, "vat_invoice_number": "12345678"},
        ]
        status, answer, _headers = self._push(rows)
        self.assertEqual(status, 200, answer)
        self.assertEqual(self.invoice_a.dealer_vat_invoice_number, "26312000000000000042")
        self.assertEqual(fields.Date.to_string(self.invoice_a.dealer_vat_invoice_date), today)
        self.assertEqual(
            (self.invoice_b.dealer_vat_invoice_number, self.invoice_b.dealer_vat_invoice_date), ("12345678", False)
        )
        self.assertEqual(
            answer["invoices"],
            [
                {
                    "invoice": self.invoice_a.name,
                    "dealer": "TA01",
                    "vat_invoice_number": "26312000000000000042",
                    "vat_invoice_date": today,
                },
                {
                    "invoice": self.invoice_b.name,
                    "dealer": "TB01",
                    "vat_invoice_number": "12345678",
                    "vat_invoice_date": None,
                },
            ],
        )
        # The invoice leaves the accountant's list of VAT invoices to issue.
        to_issue = self.env["account.move"].search(
            [("dealer_vat_invoice_number", "=", False), ("id", "in", (self.invoice_a | self.invoice_a2).ids)]
        )
        self.assertEqual(to_issue, self.invoice_a2)

    def test_a_wrong_row_saves_nothing_and_every_wrong_row_is_listed(self):
        future = fields.Date.to_string(fields.Date.today() + timedelta(days=5))
        rows = [
            {"invoice": self.invoice_a.name, "vat_invoice_number": "12345678"},
            {"invoice": self.invoice_customer.name, "dealer": "TA01", "vat_invoice_number": "12345678"},
            {"invoice": self.draft_a.name or "draft", "dealer": "TA01", "vat_invoice_number": "12345678"},
            {"invoice": "INV/NOPE", "dealer": "TA01", "vat_invoice_number": "12345678"},
            {"invoice": self.invoice_a2.name, "vat_invoice_number": "1234"},
            {"invoice": self.invoice_a2.name, "vat_invoice_number": "12345678", "vat_invoice_date": future},
            {"invoice": self.invoice_a.name, "vat_invoice_number": "87654321"},
            {"invoice": self.invoice_b.name, "vat_invoice_number": 12345678},
        ]
        status, answer, _headers = self._push(rows)
        self.assertEqual((status, answer["error"]), (422, "invalid_invoices"))
        self.assertEqual([error["row"] for error in answer["errors"]], [2, 3, 4, 5, 6, 7, 8])
        # An invoice of a customer outside the channel is as unknown as a number that does not exist.
        messages = {error["row"]: error["message"] for error in answer["errors"]}
        self.assertEqual(messages[2].replace(self.invoice_customer.name, "N"), messages[4].replace("INV/NOPE", "N"))
        self.assertFalse(any((self.invoice_a | self.invoice_a2 | self.invoice_b).mapped("dealer_vat_invoice_number")))
        for rows in ([], [{"invoice": self.invoice_a.name, "vat_invoice_number": "12345678"}] * 501):
            self.assertEqual(self._push(rows)[0], 400)

    def test_an_invoice_is_named_by_its_number_and_its_dealer(self):
        rows = [
            {"invoice": self.invoice_a.name, "dealer": "", "vat_invoice_number": "12345678"},
            {"invoice": self.invoice_a.name, "dealer": "TB01", "vat_invoice_number": "12345678"},
        ]
        status, answer, _headers = self._push(rows)
        self.assertEqual(status, 422)
        self.assertEqual([(e["row"], e["field"]) for e in answer["errors"]], [(1, "dealer"), (2, "invoice")])
        self.assertFalse(self.invoice_a.dealer_vat_invoice_number)
        # Another dealer's code never reaches dealer A's invoice: it is as unknown as a wrong number.
        unknown = self._push([{"invoice": "INV/NOPE", "dealer": "TB01", "vat_invoice_number": "12345678"}], None, "v2")
        self.assertEqual(
            answer["errors"][1]["message"].replace(self.invoice_a.name, "N"),
            unknown[1]["errors"][0]["message"].replace("INV/NOPE", "N"),
        )

    def test_a_replay_answers_the_first_result_and_another_body_conflicts(self):
        rows = [{"invoice": self.invoice_a.name, "vat_invoice_number": "12345678"}]
        first = self._push(rows)
        again = self._push(rows)
        self.assertEqual((again[:2], again[2].get("Idempotent-Replay")), (first[:2], "true"))
        other = self._push([dict(rows[0], vat_invoice_number="87654321")])
        self.assertEqual((other[0], other[1]["error"]), (409, "idempotency_key_reused"))
        self.assertEqual(self.invoice_a.dealer_vat_invoice_number, "12345678")

    def test_dealer_keys_and_keys_without_the_scope_are_refused(self):
        rows = [{"invoice": self.invoice_a.name, "vat_invoice_number": "12345678"}]
        status, answer, _headers = self._push(rows, key=self.dealer_key)
        self.assertEqual((status, answer["error"]), (403, "wrong_key_type"))
        status, answer, _headers = self._push(rows, key=self.shipping_key)
        self.assertEqual((status, answer["error"]), (403, "missing_scope"))
        self.assertFalse(self.invoice_a.dealer_vat_invoice_number)

    def test_checking_the_rows_costs_the_same_queries_whatever_their_number(self):
        invoices = self.invoice_a | self.invoice_a2 | self.invoice_b
        invoices |= self._sale(self.dealer_a)._create_invoices() | self._sale(self.dealer_b)._create_invoices()
        invoices.filtered(lambda invoice: invoice.state == "draft").action_post()
        Call = self.env["dealer.api.call"].sudo()

        def queries(count):
            rows = [
                {
                    "invoice": invoice.name,
                    "dealer": invoice.commercial_partner_id.dealer_code,
                    "vat_invoice_number": "12345678",
                }
                for invoice in invoices[:count]
            ]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            values, errors = Call._dealer_api_vat_rows(rows)
            self.assertEqual((len(values), errors), (count, []))
            return self.env.cr.sql_log_count - before

        self.assertEqual(queries(1), queries(5))
