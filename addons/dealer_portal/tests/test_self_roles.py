from lxml import html

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common_self_service import SelfServiceCase


@tagged("post_install", "-at_install")
class TestDealerRoles(HttpCase, MockEmail, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Role = cls.env["dealer.user.role"]

    def _cart(self, user, qty):
        cart = self.dealer_a._dealer_portal_cart(user=user)
        cart.write({"order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": qty})]})
        return cart

    def test_roles_of_each_user(self):
        roles = self.Role._dealer_roles_of
        self.assertEqual(roles(self.portal_a), {"admin", "buyer", "approver", "accountant"})
        self.assertEqual(roles(self.buyer_a), {"buyer"})
        self.assertEqual(roles(self.accountant_a), {"accountant"})
        self.assertEqual(roles(self.manager), set())
        self.assertEqual(self.Role._dealer_order_limit_of(self.buyer_a), 500.0)
        self.assertIsNone(self.Role._dealer_order_limit_of(self.approver_a))

    def test_admin_invites_a_colleague_with_roles(self):
        with self.mock_mail_gateway():
            role = self.Role.with_user(self.portal_a)._dealer_portal_invite(
                "Zhang Wei", "Zhang.Wei@dealer-a.example.com", ["buyer", "accountant"], "800"
            )
        user = role.user_id
        self.assertEqual(user.login, "zhang.wei@dealer-a.example.com")
        self.assertTrue(user._is_portal())
        self.assertEqual(user.partner_id.commercial_partner_id, self.dealer_a)
        self.assertEqual((role.is_buyer, role.is_accountant, role.is_admin, role.order_limit), (True, True, False, 800))
        self.assertTrue([m for m in self._mails if "zhang.wei@dealer-a.example.com" in str(m["email_to"])])

    def test_invitation_to_an_email_used_elsewhere_saves_nothing(self):
        Role = self.Role.with_user(self.portal_a)
        contact_b = self.env["res.partner"].create(
            {"name": "B's storekeeper", "parent_id": self.dealer_b.id, "email": "store@dealer-b.example.com"}
        )
        users_before = self.env["res.users"].with_context(active_test=False).search_count([])
        partners_before = self.env["res.partner"].with_context(active_test=False).search_count([])
        for email, message in [
            # Dealer B's login (given when the brand approved B).
            (self.dealer_b.email.upper(), "already used by a login"),
            (contact_b.email, "another company"),
            ("no-at-sign", "not a valid e-mail"),
        ]:
            with self.assertRaisesRegex(UserError, message):
                Role._dealer_portal_invite("Someone", email, ["buyer"])
        with self.assertRaisesRegex(UserError, "at least one role"):
            Role._dealer_portal_invite("Someone", "someone@dealer-a.example.com", [])
        with self.assertRaisesRegex(UserError, "positive number"):
            Role._dealer_portal_invite("Someone", "someone@dealer-a.example.com", ["buyer"], "-5")
        self.assertEqual(self.env["res.users"].with_context(active_test=False).search_count([]), users_before)
        self.assertEqual(self.env["res.partner"].with_context(active_test=False).search_count([]), partners_before)
        # The same colleague twice: the second invitation is refused.
        Role._dealer_portal_invite("Someone", "someone@dealer-a.example.com", ["buyer"])
        with self.assertRaisesRegex(UserError, "already used by a login"):
            Role._dealer_portal_invite("Someone", "someone@dealer-a.example.com", ["buyer"])

    def test_invitation_compares_emails_exactly_never_as_patterns(self):
        Role = self.Role.with_user(self.portal_a)
        self.env["res.partner"].create(
            {"name": "B's clerk", "parent_id": self.dealer_b.id, "email": "storex1@dealer-b.example.com"}
        )
        users_before = self.env["res.users"].with_context(active_test=False).search_count([])
        # Patterns would reveal who else uses a domain, or slip into a login.
        for email in ("%@dealer-b.example.com", "zz%@nomatch%", "store%1@dealer-b.example.com", "a b@x.example.com"):
            with self.assertRaisesRegex(UserError, "not a valid e-mail"):
                Role._dealer_portal_invite("Someone", email, ["buyer"])
        self.assertEqual(self.env["res.users"].with_context(active_test=False).search_count([]), users_before)
        # An underscore is a letter of the address, not a wildcard matching B's clerk.
        with self.mock_mail_gateway():
            role = Role._dealer_portal_invite("Store One", "Store_1@dealer-b.example.com", ["buyer"])
        self.assertEqual(role.user_id.login, "store_1@dealer-b.example.com")
        with self.assertRaisesRegex(UserError, "another company"):
            Role._dealer_portal_invite("Clerk", "StoreX1@Dealer-B.example.com", ["buyer"])

    def test_invitations_are_limited_per_hour_even_when_refused(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.invite_rate_limit", 2)
        self.authenticate(self.portal_a.login, self.portal_a.login)
        url = f"{self.base_url()}/my/dealer/users/invite"
        data = {"name": "Probe", "role_buyer": "on"}
        for email in ("probe1@dealer-b.example.com", self.dealer_b.email):
            response = self.opener.post(
                url, data=dict(data, email=email, csrf_token=Request.csrf_token(self)), timeout=30
            )
            self.assertNotIn("Too many invitations", response.text)
        with self.mock_mail_gateway():
            response = self.opener.post(
                url, data=dict(data, email="wang@dealer-a.example.com", csrf_token=Request.csrf_token(self)), timeout=30
            )
        self.assertIn("Too many invitations", response.text)
        self.assertFalse(self.env["res.users"].search([("login", "=", "wang@dealer-a.example.com")]))
        # Another administrator (of another dealer) is not held back by this one.
        self.assertTrue(self.Role.with_user(self.portal_b)._dealer_invite_register_attempt("127.0.0.1"))

    def test_only_admins_invite_and_only_their_own_dealers_users(self):
        with self.assertRaises(AccessError):
            self.Role.with_user(self.buyer_a)._dealer_portal_invite("X", "x@dealer-a.example.com", ["buyer"])
        buyer_role = self.Role.search([("user_id", "=", self.buyer_a.id)])
        with self.assertRaises(AccessError):
            buyer_role.with_user(self.portal_b)._dealer_portal_set_roles(["admin"])
        with self.assertRaises(AccessError):
            buyer_role.with_user(self.buyer_a)._dealer_portal_set_roles(["admin"])
        with self.assertRaises(AccessError):
            buyer_role.with_user(self.portal_a).write({"is_admin": True})
        buyer_role.with_user(self.portal_a)._dealer_portal_set_roles(["buyer"], 900)
        self.assertEqual((buyer_role.order_limit, buyer_role.is_admin), (900, False))
        self.assertFalse(self.Role.with_user(self.portal_b).search([("partner_id", "=", self.dealer_a.id)]))

    def test_buyer_below_its_limit_goes_straight_to_the_brand(self):
        cart = self._cart(self.buyer_a, qty=4)  # 400 <= 500
        cart.with_user(self.buyer_a).sudo()._dealer_portal_submit()
        self.assertEqual((cart.state, cart.dealer_approval_state), ("sale", "none"))

    def test_buyer_above_its_limit_needs_an_approver(self):
        cart = self._cart(self.buyer_a, qty=6)  # 600 > 500
        cart.with_user(self.buyer_a).sudo()._dealer_portal_submit()
        self.assertEqual((cart.state, cart.dealer_approval_state), ("draft", "waiting"))
        self.assertFalse(cart.dealer_cart_user_id, "the order is no longer the buyer's cart")
        with self.assertRaises(AccessError):
            cart.with_user(self.buyer_a)._dealer_portal_approve()
        with self.assertRaises(AccessError):
            cart.with_user(self.accountant_a)._dealer_portal_approve()
        with self.assertRaises(AccessError):
            cart.with_user(self.portal_b)._dealer_portal_approve()
        cart.with_user(self.approver_a)._dealer_portal_approve("OK for the season")
        self.assertEqual(
            (cart.state, cart.dealer_approval_state, cart.dealer_approver_id), ("sale", "approved", self.approver_a)
        )
        with self.assertRaisesRegex(UserError, "not waiting"):
            cart.with_user(self.approver_a)._dealer_portal_approve()

    def test_buyer_sees_who_approves_and_decided_orders_leave_the_approvers_list(self):
        cart = self._cart(self.buyer_a, qty=6)
        outlook = cart._dealer_portal_submit_outlook(self.buyer_a)["approval"]
        self.assertIn("above your order limit", outlook)
        self.assertIn(self.approver_a.name, outlook)
        self.assertFalse(self._cart(self.approver_a, qty=6)._dealer_portal_submit_outlook(self.approver_a)["approval"])
        cart.with_user(self.buyer_a).sudo()._dealer_portal_submit()
        self.assertEqual(cart.dealer_portal_state, "approval")
        colleagues = self.env["res.users"].search([("partner_id", "child_of", self.dealer_a.id), ("share", "=", True)])
        approvers = cart._dealer_portal_approvers()
        self.assertEqual(approvers, colleagues.filtered(lambda user: "approver" in self.Role._dealer_roles_of(user)))
        self.assertIn(self.approver_a, approvers)
        self.assertFalse(approvers & (self.buyer_a | self.accountant_a))
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        page = self.url_open(f"/my/dealer/orders/{cart.id}?submitted=1").text
        self.assertIn("o_dealer_order_waiting_approval", page)
        approvers_shown = page.split("o_dealer_order_waiting_approval")[1].split("</strong>")[0]
        self.assertIn(self.approver_a.name, approvers_shown)
        self.assertNotIn(self.accountant_a.name, approvers_shown)
        orders = self.url_open("/my/dealer/orders?state=approval").text
        self.assertIn(cart.name, orders)
        self.authenticate(self.approver_a.login, self.approver_a.login)
        page = html.fromstring(self.url_open("/my/dealer/approvals").text)
        (card,) = page.xpath("//div[contains(concat(' ', @class, ' '), ' o_dealer_approval ')]")
        self.assertIn(cart.name, card.text_content())
        self.assertTrue(card.xpath(".//li")[0].text_content().strip().endswith(": 6"), "whole units, not 6.0")
        # Enter in the note submits the form's default button: a disabled one, so it neither
        # approves nor rejects.
        (form,) = card.xpath(".//form")
        first_button = form.xpath(".//button[@type='submit' or not(@type)]")[0]
        self.assertIsNotNone(first_button.get("disabled"))
        self.assertIsNone(first_button.get("formaction"))
        cart.with_user(self.approver_a)._dealer_portal_approve("")
        page = html.fromstring(self.url_open("/my/dealer/approvals").text)
        self.assertFalse(page.xpath("//div[contains(concat(' ', @class, ' '), ' o_dealer_approval ')]"))
        self.assertIn(
            cart.name, page.xpath("//table[contains(@class, 'o_dealer_approvals_decided')]")[0].text_content()
        )

    def test_approver_rejects_with_a_reason(self):
        cart = self._cart(self.buyer_a, qty=9)
        cart.with_user(self.buyer_a).sudo()._dealer_portal_submit()
        with self.assertRaisesRegex(UserError, "reason"):
            cart.with_user(self.approver_a)._dealer_portal_reject(" ")
        cart.with_user(self.approver_a)._dealer_portal_reject("Too many kettles")
        self.assertEqual((cart.state, cart.dealer_approval_state), ("cancel", "rejected"))

    def test_user_without_buyer_role_cannot_submit(self):
        cart = self._cart(self.accountant_a, qty=1)
        with self.assertRaises(AccessError):
            cart.with_user(self.accountant_a).sudo()._dealer_portal_submit()
        self.assertEqual(cart.state, "draft")

    def test_invitation_page_needs_csrf_and_reports_errors(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        url = f"{self.base_url()}/my/dealer/users/invite"
        data = {"name": "Li Si", "email": "lisi@dealer-a.example.com", "role_buyer": "on", "order_limit": "300"}
        self.assertEqual(self.opener.post(url, data=data, timeout=30).status_code, 400)
        self.assertFalse(self.env["res.users"].search([("login", "=", "lisi@dealer-a.example.com")]))
        with self.mock_mail_gateway():
            response = self.opener.post(url, data=dict(data, csrf_token=Request.csrf_token(self)), timeout=30)
        self.assertIn("Invitation sent", response.text)
        role = self.Role.search([("user_id.login", "=", "lisi@dealer-a.example.com")])
        self.assertEqual((role.is_buyer, role.order_limit), (True, 300))
        response = self.opener.post(
            url, data=dict(data, email=self.dealer_b.email, csrf_token=Request.csrf_token(self)), timeout=30
        )
        self.assertIn("nothing was saved", response.text)

    def test_only_accountants_read_invoices_through_rpc(self):
        invoice = self._move(self.dealer_a, 100.0, self.month_end)
        Move, Line = self.env["account.move"], self.env["account.move.line"]
        for user in (self.accountant_a, self.portal_a):
            self.assertEqual(Move.with_user(user).search([("id", "=", invoice.id)]), invoice, user.login)
            self.assertTrue(Line.with_user(user).search([("move_id", "=", invoice.id)]), user.login)
        for user in (self.buyer_a, self.approver_a):
            self.assertFalse(Move.with_user(user).search([("id", "=", invoice.id)]), user.login)
            self.assertFalse(Line.with_user(user).search([("move_id", "=", invoice.id)]), user.login)
            with self.assertRaises(AccessError):
                invoice.with_user(user).read(["amount_total"])
            with self.assertRaises(AccessError):
                invoice.line_ids.with_user(user).read(["balance"])
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        found = self.make_jsonrpc_request(
            "/web/dataset/call_kw/account.move/search_read",
            {
                "model": "account.move",
                "method": "search_read",
                "args": [[("id", "=", invoice.id)]],
                "kwargs": {"fields": ["amount_total"]},
            },
        )
        self.assertEqual(found, [])
        # Given the accountant role, the buyer reads them at once; the brand's staff never lose them.
        self.Role.search([("user_id", "=", self.buyer_a.id)]).is_accountant = True
        self.assertEqual(Move.with_user(self.buyer_a).search([("id", "=", invoice.id)]), invoice)
        self.assertEqual(Move.with_user(self._manager_user()).search([("id", "=", invoice.id)]), invoice)

    def test_a_contact_moved_between_dealers_gets_the_invoice_rules_at_once(self):
        invoices = self._move(self.dealer_a, 100.0, self.month_end) | self._move(self.dealer_b, 50.0, self.month_end)
        Move = self.env["account.move"].with_user(self.buyer_a)
        self.assertFalse(Move.search([("id", "in", invoices.ids)]))
        # Moved to dealer B, where it holds no role (so it is B's administrator): B's invoices.
        self.buyer_a.partner_id.parent_id = self.dealer_b
        self.assertEqual(Move.search([("id", "in", invoices.ids)]).commercial_partner_id, self.dealer_b)
        # Back to dealer A, where it is a buyer: none again.
        self.buyer_a.partner_id.parent_id = self.dealer_a
        self.assertFalse(Move.search([("id", "in", invoices.ids)]))

    def test_role_pages_are_closed_to_other_roles(self):
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        for url in ("/my/dealer/users", "/my/dealer/approvals", "/my/dealer/statement", "/my/dealer/sub-dealers"):
            self.assertEqual(self.url_open(url).status_code, 403, url)
        home = self.url_open("/my/dealer").text
        self.assertIn("o_dealer_link_returns", home)
        self.assertNotIn("o_dealer_link_statement", home)
        self.assertNotIn("o_dealer_link_users", home)
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        self.assertEqual(self.url_open("/my/dealer/returns").status_code, 403)
        self.assertEqual(self.url_open("/my/dealer/statement").status_code, 200)

    def test_tour_buyer_above_limit_then_approver_approves(self):
        cart = self._cart(self.buyer_a, qty=7)
        cart.with_user(self.buyer_a).sudo()._dealer_portal_submit()
        self.assertEqual(cart.dealer_approval_state, "waiting")
        self.start_tour("/my/dealer", "dealer_portal_approver_tour", login=self.approver_a.login, timeout=120)
        self.assertEqual((cart.state, cart.dealer_approval_state), ("sale", "approved"))
