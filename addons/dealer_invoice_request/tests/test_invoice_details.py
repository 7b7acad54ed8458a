from odoo.exceptions import AccessError, UserError
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import CODE_B, InvoiceRequestCase, details

URL = "/my/dealer/invoice-details"


@tagged("post_install", "-at_install")
class TestInvoiceDetailsPortal(HttpCase, InvoiceRequestCase):
    def _save(self, login, form):
        self.authenticate(login, login)
        return self.url_open(URL, data=dict(form, csrf_token=Request.csrf_token(self)))

    def test_accountant_and_administrator_read_the_details(self):
        for login in ("t_accountant_a", "t_portal_a"):
            self.authenticate(login, login)
            response = self.url_open(URL)
            self.assertEqual(response.status_code, 200, login)
            self.assertIn("91310115MA1H8X000D", response.text)
            self.assertIn("o_dealer_invoice_details_form", response.text)

    def test_users_without_the_role_get_403(self):
        for login in ("t_buyer_a", "t_approver_a"):
            self.authenticate(login, login)
            self.assertEqual(self.url_open(URL).status_code, 403, login)
            response = self._save(login, details(title="Hijacked"))
            self.assertEqual(response.status_code, 403, login)
        self.assertEqual(self.dealer_a.dealer_invoice_title, "Dealer A Trading Co., Ltd.")

    def test_home_links_the_details_for_the_accountant_only(self):
        self.authenticate("t_accountant_a", "t_accountant_a")
        self.assertIn("o_dealer_link_invoice_details", self.url_open("/my/dealer").text)
        self.authenticate("t_buyer_a", "t_buyer_a")
        self.assertNotIn("o_dealer_link_invoice_details", self.url_open("/my/dealer").text)

    def test_accountant_saves_normalized_details(self):
        form = details(
            title="  Dealer A   Trading  ", code="9131 0115 ma1h 8x00 0d", dealer_invoice_default_type="special"
        )
        response = self._save("t_accountant_a", form)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_message", response.text)
        self.assertEqual(self.dealer_a.dealer_invoice_title, "Dealer A Trading")
        self.assertEqual(self.dealer_a.dealer_invoice_tax_number, "91310115MA1H8X000D")
        self.assertEqual(self.dealer_a.dealer_invoice_default_type, "special")

    def test_bad_input_saves_nothing_and_says_why(self):
        form = details(title="New Title", code="91310115MA1H8X000E", dealer_invoice_bank_account="1" * 41)
        response = self._save("t_accountant_a", form)
        self.assertEqual(response.status_code, 400)
        self.assertIn("o_dealer_invoice_errors", response.text)
        self.assertIn("91310115MA1H8X000E", response.text)
        self.assertEqual(self.dealer_a.dealer_invoice_title, "Dealer A Trading Co., Ltd.")
        self.assertEqual(self.dealer_a.dealer_invoice_tax_number, "91310115MA1H8X000D")
        # Oversized input is refused, never stored.
        response = self._save("t_accountant_a", details(title="x" * 100000))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.dealer_a.dealer_invoice_title, "Dealer A Trading Co., Ltd.")

    def test_special_default_needs_complete_details(self):
        with self.assertRaisesRegex(UserError, "every invoice detail"):
            self.env["res.partner"].with_user(self.portal_b)._dealer_invoice_portal_save(
                details(dealer_invoice_bank="", dealer_invoice_default_type="special")
            )

    def test_another_dealer_never_reads_nor_writes_the_details(self):
        # The page shows the user's own dealer: B sees nothing of A, and its form writes B only.
        self.authenticate("t_portal_b", "t_portal_b")
        response = self.url_open(URL)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("91310115MA1H8X000D", response.text)
        self._save("t_portal_b", dict(details(title="Dealer B Ltd", code=CODE_B), partner_id=self.dealer_a.id))
        self.assertEqual(self.dealer_b.dealer_invoice_title, "Dealer B Ltd")
        self.assertEqual(self.dealer_a.dealer_invoice_title, "Dealer A Trading Co., Ltd.")
        # Nor through RPC: the fields are the back office's.
        for user in (self.portal_b, self.portal_a, self.accountant_a):
            with self.assertRaises(AccessError):
                self.dealer_a.with_user(user).read(["dealer_invoice_tax_number"])
            with self.assertRaises(AccessError):
                self.dealer_a.with_user(user).write({"dealer_invoice_title": "x"})

    def test_non_dealer_user_cannot_save(self):
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.manager)._dealer_invoice_portal_save(details())

    def test_back_office_reads_the_details(self):
        self.assertEqual(self.dealer_a.with_user(self.sales_a).dealer_invoice_tax_number, "91310115MA1H8X000D")
