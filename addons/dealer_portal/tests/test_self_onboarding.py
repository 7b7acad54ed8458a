import base64

from odoo.http import Request
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_base.tests.common import DealerCase
from odoo.addons.mail.tests.common import MockEmail

from .common_self_service import EXE_BYTES, PDF_BYTES, PNG_BYTES


@tagged("post_install", "-at_install")
class TestDealerOnboarding(HttpCase, MockEmail, DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("dealer_portal.apply_rate_limit", 20)

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)

    def _form(self, **values):
        return dict(
            {
                "company_name": "Pine Appliances Ltd",
                "registry": "91310000PINE0001X",
                "contact_name": "Li Lei",
                "phone": "+86 21 5555 0101",
                "email": "lilei@pine.example.com",
                "region_id": str(self.region.id),
            },
            **values,
        )

    def _post(self, licence=PDF_BYTES, filename="licence.pdf", csrf=True, **values):
        data = self._form(**values)
        if csrf:
            data["csrf_token"] = Request.csrf_token(self)
        files = {"licence": (filename, licence, "application/pdf")} if licence is not None else None
        return self.opener.post(self.base_url() + "/dealer/apply", data=data, files=files, timeout=60)

    def _applicants(self, registry="91310000PINE0001X"):
        return (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search([("company_registry", "=", registry), ("is_dealer", "=", True)])
        )

    def test_application_creates_a_pending_prospect_with_its_contact(self):
        response = self._post()
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_apply_done", response.text)
        dealer = self._applicants()
        self.assertEqual(len(dealer), 1)
        self.assertTrue(dealer.is_dealer and dealer.dealer_applied_online)
        self.assertEqual(dealer.dealer_state, "pending")
        self.assertEqual(dealer.dealer_region_id, self.region)
        self.assertEqual(base64.b64decode(dealer.dealer_licence), PDF_BYTES)
        self.assertEqual(dealer.child_ids.mapped("email"), ["lilei@pine.example.com"])

    def test_duplicate_registration_number_or_email_is_refused_and_nothing_created(self):
        self._post()
        partners_before = self.env["res.partner"].with_context(active_test=False).search_count([])
        response = self._post(email="other@pine.example.com")
        self.assertIn("registration number 91310000PINE0001X has already applied", response.text)
        response = self._post(registry="91310000OTHER002", email="LiLei@pine.example.com")
        self.assertIn("is already registered", response.text)
        # An existing dealer's e-mail is refused as well.
        response = self._post(registry="91310000OTHER003", email=self.dealer_a.email)
        self.assertIn("is already registered", response.text)
        self.assertEqual(self.env["res.partner"].with_context(active_test=False).search_count([]), partners_before)

    def test_registry_and_email_are_compared_exactly_never_as_patterns(self):
        self._post()
        partners_before = self.env["res.partner"].with_context(active_test=False).search_count([])
        # Wildcards would answer "already applied" for another company's number or e-mail.
        response = self._post(registry="9131%", email="new1@pine.example.com")
        self.assertNotIn("has already applied", response.text)
        self.assertIn("registration number may only contain", response.text)
        response = self._post(registry="91310000PINE000_X", email="new2@pine.example.com")
        self.assertNotIn("has already applied", response.text)
        for email in ("%@pine.example.com", "lilei@pine.example.co%", "li_ei@pine.example.com"):
            response = self._post(registry="91310000OTHER004", email=email)
            self.assertNotIn("is already registered", response.text, email)
        self.assertIn("valid e-mail", self._post(registry="91310000OTHER005", email="%@pine.example.com").text)
        # The same number, written with spaces and in lower case, is the same company.
        response = self._post(registry=" 91310000 pine0001x ", email="new3@pine.example.com")
        self.assertIn("registration number 91310000PINE0001X has already applied", response.text)
        # Only the address with the underscore (a valid, different address) was accepted.
        self.assertEqual(self.env["res.partner"].with_context(active_test=False).search_count([]), partners_before + 2)
        self.assertEqual(len(self._applicants("91310000OTHER004")), 1)
        self.assertEqual(self._applicants("91310000OTHER004").email, "li_ei@pine.example.com")

    def test_forged_oversized_or_missing_licence_is_refused(self):
        response = self._post(licence=EXE_BYTES, filename="licence.pdf")
        self.assertIn("must be a PDF, JPEG or PNG", response.text)
        response = self._post(licence=b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), filename="big.pdf")
        self.assertIn("larger than 10 MB", response.text)
        response = self._post(licence=None)
        self.assertIn("Attach your business licence", response.text)
        self.assertFalse(self._applicants())
        # A PNG photo of the licence is fine, whatever its name says.
        self._post(licence=PNG_BYTES, filename="scan.pdf")
        self.assertEqual(len(self._applicants()), 1)

    def test_missing_fields_and_bad_region_are_refused(self):
        response = self._post(company_name=" ", phone="")
        self.assertIn("Please fill in: company name, phone.", response.text)
        response = self._post(region_id="999999999")
        self.assertIn("Please choose your region.", response.text)
        response = self._post(email="not-an-email")
        self.assertIn("valid e-mail", response.text)
        self.assertFalse(self._applicants())

    @mute_logger("odoo.http")
    def test_form_needs_the_csrf_token(self):
        response = self._post(csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._applicants())

    def test_rate_limit_per_address(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.apply_rate_limit", 3)
        for n in range(3):
            self._post(registry=f"RATE-{n}", email=f"rate{n}@pine.example.com")
        self.assertEqual(self.env["dealer.application.attempt"].search_count([]), 3)
        response = self._post(registry="RATE-9", email="rate9@pine.example.com")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Too many applications", response.text)
        self.assertFalse(self._applicants("RATE-9"))
        self.assertEqual(
            len(self.env["res.partner"].search([("company_registry", "like", "RATE-"), ("is_dealer", "=", True)])), 3
        )

    def test_approval_invites_the_contact_and_rejection_mails_the_reason(self):
        self._post()
        dealer = self._applicants()
        dealer.user_id = self.sales_a
        with self.mock_mail_gateway():
            dealer.with_user(self.manager).action_dealer_approve()
        contact = dealer.child_ids
        self.assertTrue(contact.user_ids and contact.user_ids._is_portal())
        invitations = [mail for mail in self._mails if "lilei@pine.example.com" in str(mail["email_to"])]
        self.assertTrue(invitations, "the new dealer user gets Odoo's portal invitation")
        self._post(registry="91310000REJECT01", email="reject@pine.example.com")
        rejected = self._applicants("91310000REJECT01")
        self.env["res.partner.dealer.state"].with_user(self.manager).create(
            {"partner_id": rejected.id, "action": "reject", "reason": "Licence expired"}
        ).action_confirm()
        self.assertEqual(rejected.dealer_state, "prospect")
        mail = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", rejected.id), ("partner_ids", "in", rejected.ids)]
        )
        self.assertIn("Licence expired", mail.body)

    def test_tour_apply_then_approval_then_first_login(self):
        self.start_tour("/dealer/apply", "dealer_portal_apply_tour", timeout=120)
        dealer = self._applicants("91310000TOUR0001")
        self.assertEqual(dealer.dealer_state, "pending")
        # The back office completes and approves the file.
        dealer.user_id = self.sales_a
        dealer.with_user(self.manager).action_dealer_approve()
        user = dealer.child_ids.user_ids
        self.assertEqual(user.login, "tour@spruce-dealer.example.com")
        # The invited user sets a password through the invitation; here directly.
        user.password = user.login
        self.start_tour("/my/dealer", "dealer_portal_first_login_tour", login=user.login, timeout=120)
