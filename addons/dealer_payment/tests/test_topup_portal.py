"""The top-up routes in the portal: who may top up, the amount's bounds, the transaction made
for the user's own dealer only, and no other dealer's top-up reachable."""

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger
from odoo.tools.misc import hmac as hmac_tool

from odoo.addons.dealer_base.tests.security_crawler import PortalCrawler

from .test_topup_common import TopupCase

TOPUP = "/my/dealer/credit/topup"


@tagged("post_install", "-at_install")
class TestTopupPortal(HttpCase, TopupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_b.write({"name": "Quillon Topup Dealer B", "dealer_code": "QTB-88213"})
        cls.buyer_a = cls._create_portal_user(cls.dealer_a, "t_topup_buyer_a")
        cls.env["dealer.user.role"].create(
            {"user_id": cls.buyer_a.id, "partner_id": cls.dealer_a.id, "is_buyer": True, "is_accountant": False}
        )
        cls.topup_b = cls._topup_tx(cls.dealer_b, 777.0, partner=cls.portal_b.partner_id)
        cls.topup_b._set_pending()

    def _transaction_params(self, amount, user, **params):
        partner = user.partner_id
        return dict(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.provider.payment_method_ids[:1].id,
                "token_id": None,
                "amount": amount,
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": "/my/dealer/credit",
                "is_validation": False,
                # payment.utils.generate_access_token's token, made outside a request.
                "access_token": hmac_tool(
                    self.env(su=True), "generate_access_token", f"{partner.id}|{amount}|{self.currency.id}"
                ),
            },
            **params,
        )

    def test_accountant_tops_up_through_the_payment_form(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self.url_open("/my/dealer/credit")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_dealer_topup_form", page.text)
        form = self.url_open(f"{TOPUP}?amount=1500.50")
        self.assertEqual(form.status_code, 200)
        self.assertIn("o_payment_form", form.text)
        self.assertIn(f'data-provider-id="{self.provider.id}"', form.text)
        self.assertIn(f"{TOPUP}/transaction", form.text)

        values = self.make_jsonrpc_request(f"{TOPUP}/transaction", self._transaction_params(1500.5, self.portal_a))
        tx = self.Transaction.search([("reference", "=", values["reference"])])
        self.assertEqual(tx.dealer_topup_partner_id, self.dealer_a)
        self.assertEqual(tx.partner_id, self.portal_a.partner_id)
        self.assertEqual(tx.amount, 1500.5)
        self.assertEqual(tx.landing_route, f"{TOPUP}/{tx.id}")
        # Wire transfer: pending until the money arrives, listed in progress meanwhile.
        self._notify(tx)
        page = self.url_open("/my/dealer/credit")
        self.assertIn("o_dealer_topup_in_progress", page.text)
        self.assertIn(tx.reference, page.text)
        status = self.url_open(f"{TOPUP}/{tx.id}")
        self.assertEqual(status.status_code, 200)
        self.assertIn(tx.reference, status.text)
        self._confirm(tx)
        self.assertIn("o_dealer_topup_done", self.url_open(f"{TOPUP}/{tx.id}").text)
        self.assertEqual(self._balance(self.dealer_a), 1500.5)

    def test_amount_out_of_bounds_is_refused_with_a_message(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        for amount in ("nan", "inf", "-inf", "abc", "", "0", "-10", "12.345", "1e12", "1000000.01"):
            with self.subTest(amount=amount):
                response = self.url_open(f"{TOPUP}?amount={amount}")
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.url.split("#")[0].endswith("/my/dealer/credit"), response.url)
                self.assertIn("o_dealer_topup_error", response.text)
                self.assertNotIn("o_payment_form", response.text)
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"{TOPUP}/transaction", self._transaction_params(float("inf"), self.portal_a))
        self.assertFalse(self.Transaction.search([("dealer_topup_partner_id", "=", self.dealer_a.id)]))

    def test_transaction_needs_the_access_token_of_its_amount(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        params = self._transaction_params(100.0, self.portal_a)
        params["amount"] = 100000.0
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"{TOPUP}/transaction", params)
        params = self._transaction_params(100.0, self.portal_a, is_validation=True, reference_prefix="X")
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"{TOPUP}/transaction", params)
        self.assertFalse(self.Transaction.search([("dealer_topup_partner_id", "=", self.dealer_a.id)]))

    def test_buyer_without_the_accountant_role_cannot_top_up(self):
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        page = self.url_open("/my/dealer/credit")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_dealer_topup_form", page.text)
        self.assertEqual(self.url_open(f"{TOPUP}?amount=100").status_code, 403)
        self.assertEqual(self.url_open(f"{TOPUP}/{self.topup_b.id}").status_code, 403)
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"{TOPUP}/transaction", self._transaction_params(100.0, self.buyer_a))
        self.assertFalse(self.Transaction.search([("dealer_topup_partner_id", "=", self.dealer_a.id)]))

    def test_anonymous_and_internal_users_cannot_top_up(self):
        response = self.url_open(f"{TOPUP}?amount=100")
        self.assertIn("/web/login", response.url)
        self.assertIn("/web/login", self.url_open(f"{TOPUP}/{self.topup_b.id}").url)
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(f"{TOPUP}/transaction", self._transaction_params(100.0, self.public_user()))
        self.authenticate(self.sales_a.login, self.sales_a.login)
        self.assertEqual(self.url_open(f"{TOPUP}?amount=100").status_code, 403)

    def public_user(self):
        return self.env.ref("base.public_user")

    def test_other_dealers_topup_is_not_found(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        response = self.url_open(f"{TOPUP}/{self.topup_b.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.topup_b.reference, response.text)
        self.assertNotIn(self.topup_b.reference, self.url_open("/my/dealer/credit").text)

    def test_crawler_finds_no_other_dealers_topup(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        markers = [self.dealer_b.dealer_code, self.dealer_b.name, self.topup_b.reference]
        crawler = PortalCrawler(self, self.dealer_a, self.dealer_b, markers, modules={"dealer_payment"})
        # Transactions are not readable by portal users: the crawler is given B's top-up to try.
        crawler.records_b = {"payment.transaction": self.topup_b.ids, **crawler.records_b}
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        visited = {url for _method, url in crawler.visited}
        self.assertIn(f"{TOPUP}/{self.topup_b.id}", visited)
        self.assertIn(f"{TOPUP}/transaction", visited)
        self.assertIn("/my/dealer/credit", visited)
