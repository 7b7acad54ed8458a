from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.http import Request
from odoo.tests import HttpCase, new_test_user, tagged

from .common_self_service import SelfServiceCase


@tagged("post_install", "-at_install")
class TestDealerInvoicePayments(HttpCase, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.overdue = cls._move(cls, cls.dealer_a, 300.0, today - timedelta(days=40))
        cls.current = cls._move(cls, cls.dealer_a, 400.0, today)
        cls.current.invoice_date_due = today + timedelta(days=30)
        cls.invoice_b = cls._move(cls, cls.dealer_b, 250.0, today)
        cls._deposit(cls, cls.dealer_a, 500.0)
        cls._deposit(cls, cls.dealer_b, 500.0)

    def _balance(self, dealer):
        dealer.invalidate_recordset()
        return dealer.dealer_deposit_balance

    def test_pay_an_invoice_from_the_deposit(self):
        move = self.overdue.with_user(self.accountant_a)._dealer_portal_pay_from_deposit()
        self.assertEqual((move.amount, move.invoice_id, move.partner_id), (-300.0, self.overdue, self.dealer_a))
        self.assertIn(self.overdue.payment_state, ("paid", "in_payment"))
        self.assertEqual(self._balance(self.dealer_a), 200.0)
        # 400 with 200 left: refused, nothing taken.
        with self.assertRaisesRegex(UserError, "cannot be paid from it"):
            self.current.with_user(self.accountant_a)._dealer_portal_pay_from_deposit()
        self.assertEqual(self._balance(self.dealer_a), 200.0)
        self.assertEqual(self.current.payment_state, "not_paid")
        with self.assertRaisesRegex(UserError, "not open for payment"):
            self.overdue.with_user(self.accountant_a)._dealer_portal_pay_from_deposit()

    def test_other_dealers_invoice_and_other_roles_are_refused(self):
        with self.assertRaises(AccessError):
            self.invoice_b.with_user(self.accountant_a)._dealer_portal_pay_from_deposit()
        with self.assertRaises(AccessError):
            self.invoice_b.with_user(self.portal_a)._dealer_portal_declare_transfer("HACK-1")
        with self.assertRaises(AccessError):
            self.overdue.with_user(self.buyer_a)._dealer_portal_pay_from_deposit()
        self.assertEqual(self._balance(self.dealer_b), 500.0)
        self.assertEqual(self._balance(self.dealer_a), 500.0)
        self.assertFalse(self.invoice_b.dealer_transfer_reference)

    def test_bank_transfer_reference_goes_to_the_back_office(self):
        with self.assertRaisesRegex(UserError, "reference"):
            self.current.with_user(self.accountant_a)._dealer_portal_declare_transfer("  ")
        self.current.with_user(self.accountant_a)._dealer_portal_declare_transfer("ICBC-20261122-001")
        self.assertEqual(self.current.dealer_transfer_reference, "ICBC-20261122-001")
        self.assertIn("ICBC-20261122-001", self.current.activity_ids.summary)
        self.assertEqual(self.current.activity_ids.user_id, self.dealer_a.user_id)

    def test_overdue_invoices_are_highlighted(self):
        self.assertTrue(self.overdue.dealer_is_overdue)
        self.assertFalse(self.current.dealer_is_overdue)
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        page = self.url_open("/my/invoices").text
        self.assertEqual(page.count("o_dealer_invoice_overdue"), 1)
        self.assertIn(self.overdue.name, page)
        self.assertNotIn(self.invoice_b.name, page)

    def test_invoice_page_pays_from_deposit_with_csrf(self):
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        page = self.url_open(f"/my/invoices/{self.current.id}").text
        self.assertIn("o_dealer_pay_deposit", page)
        url = f"{self.base_url()}/my/dealer/invoices/{self.overdue.id}/deposit"
        response = self.opener.post(url, data={}, timeout=30)
        self.assertEqual(response.status_code, 400, "no CSRF token, no payment")
        self.assertEqual(self._balance(self.dealer_a), 500.0)
        response = self.opener.post(url, data={"csrf_token": Request.csrf_token(self)}, timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._balance(self.dealer_a), 200.0)
        url_b = f"{self.base_url()}/my/dealer/invoices/{self.invoice_b.id}/deposit"
        response = self.opener.post(url_b, data={"csrf_token": Request.csrf_token(self)}, timeout=30)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self._balance(self.dealer_b), 500.0)

    def test_documents_without_pdf_printer_open_as_web_pages_for_dealers(self):
        Report = type(self.env["ir.actions.report"])
        url = f"/my/invoices/{self.current.id}?report_type=pdf&download=true"
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        self.patch(Report, "get_wkhtmltopdf_state", lambda report: "ok")
        response = self.url_open(url)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        # No wkhtmltopdf on the server: the invoice itself as a page, not an error.
        self.patch(Report, "get_wkhtmltopdf_state", lambda report: "install")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        self.assertNotIn("Content-Disposition", response.headers)
        self.assertIn(self.current.name, response.text)
        # Another dealer's invoice stays out of reach.
        response = self.url_open(f"/my/invoices/{self.invoice_b.id}?report_type=pdf")
        self.assertNotIn(self.invoice_b.name, response.text)
        # A customer outside the channel gets Odoo's answer (its PDF, or Odoo's error without wkhtmltopdf).
        retail = self.env["res.partner"].create({"name": "Retail Customer", "email": "retail@example.com"})
        new_test_user(self.env, "t_retail_portal", groups="base.group_portal", partner_id=retail.id)
        retail_invoice = self._move(retail, 80.0, fields.Date.context_today(self.env.user))
        self.authenticate("t_retail_portal", "t_retail_portal")
        response = self.url_open(f"/my/invoices/{retail_invoice.id}?report_type=pdf&download=true")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
