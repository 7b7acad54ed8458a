"""Roles within one dealer: what a user lacking a role reaches through every route and RPC."""

from werkzeug.exceptions import NotFound

from odoo import Command, http
from odoo.http import request
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.security_crawler import plant_routes
from odoo.addons.dealer_base.tests.security_crawler_roles import PROBE_TEXT, RolePostCrawler, RoleReadCrawler
from odoo.addons.dealer_portal.tests.common_self_service import SelfServiceCase

LEAK_MODULE = "dealer_test_role_leak"
# What the accountant role guards: money records.
MONEY_MODELS = {"account.move", "account.move.line", "account.payment", "dealer.statement", "dealer.deposit.move"}
# What ordering (the buyer role) writes: orders, their deliveries, returns, change requests; an
# order paid from the deposit at its confirmation takes a deposit movement.
ORDER_MODELS = {
    "sale.order",
    "sale.order.line",
    "stock.picking",
    "stock.move",
    "stock.move.line",
    "dealer.order.change.request",
    "dealer.return",
    "dealer.return.line",
    "dealer.deposit.move",
}


def buyer_may(change, changes):
    # A buyer's order waits for the approver, a changed one is reset: never approved nor rejected.
    if change.model == "sale.order" and change.values.get("dealer_approval_state") in ("approved", "rejected"):
        return False
    return change.model in ORDER_MODELS


def approver_may(change, changes):
    # An approver changes an order only by approving or rejecting it (which confirms or cancels it).
    approving = any(c.model == "sale.order" and "dealer_approval_state" in c.fields for c in changes)
    return approving and change.model in ORDER_MODELS


def accountant_may(change, changes):
    # The accountant also keeps the dealer's invoice details (dealer_invoice_request).
    if change.model == "res.partner" and change.kind == "changed":
        return all(name.startswith("dealer_invoice_") for name in change.fields)
    return change.model in MONEY_MODELS


@tagged("post_install", "-at_install")
class TestRoleCrawler(HttpCase, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Orders reaching the brand's review are held there: they stay changeable.
        cls.env["ir.config_parameter"].sudo().set_param("dealer_portal.min_order_amount", "100000")
        cls.waiting = cls._submitted_cart(cls.buyer_a, qty=6)  # above the buyer's limit: waits for the approver
        cls.approved = cls._submitted_cart(cls.buyer_a, qty=7)
        cls.approved.with_user(cls.approver_a)._dealer_portal_approve("Fine")
        cls.quotation = cls.env["sale.order"].create(
            {
                "partner_id": cls.dealer_a.id,
                "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 2})],
            }
        )
        cls.quotation.action_quotation_sent()
        cls.delivered = cls._delivered_order(cls.dealer_a, qty=2)
        cls.invoice = cls.delivered._create_invoices()
        cls.invoice.write({"ref": "RLEAK-INV-58213"})
        cls.invoice.invoice_line_ids.name = "RLEAK-INVLINE-58213"
        cls.invoice.action_post()
        cls.payment = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=cls.invoice.ids)
            .create({"communication": "RLEAK-PAYMENT-58213", "amount": 50.0})
            ._create_payments()
        )
        cls.deposit_move = cls.env["dealer.deposit.move"].create(
            {"name": "RLEAK-DEPOSIT-58213", "partner_id": cls.dealer_a.id, "amount": 900.0}
        )
        cls.statement = cls.env["dealer.statement"].create(
            {
                "partner_id": cls.dealer_a.id,
                "company_id": cls.env.company.id,
                "date_from": cls.month_start,
                "date_to": cls.month_end,
                "state": "disputed",
                "comment": "RLEAK-STATEMENT-58213",
            }
        )
        cls.markers = [
            cls.invoice.name,
            "RLEAK-INV-58213",
            "RLEAK-INVLINE-58213",
            "RLEAK-PAYMENT-58213",
            cls.payment.name,
            "RLEAK-DEPOSIT-58213",
            "RLEAK-STATEMENT-58213",
        ]
        cls.hidden = {
            "account.move": (cls.invoice | cls.payment.move_id).ids,
            "account.move.line": (cls.invoice | cls.payment.move_id).line_ids.ids,
            "account.payment": cls.payment.ids,
            "dealer.deposit.move": cls.deposit_move.ids,
            "dealer.statement": cls.statement.ids,
        }

    @classmethod
    def _submitted_cart(cls, user, qty):
        cart = cls.dealer_a._dealer_portal_cart(user=user)
        cart.write({"order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": qty})]})
        cart.with_user(user).sudo()._dealer_portal_submit()
        return cart

    def _form(self):
        return {
            f"qty_{self.product.id}": "1",
            "qty": "1",
            "decline_message": PROBE_TEXT,
            "answer": "confirm",
            "date_from": str(self.month_start),
            "date_to": str(self.month_end),
            "name": "Role Probe",
            "email": "role.probe@dealer-a.example.com",
            "role_buyer": "on",
            "role_admin": "on",
            "order_limit": "0",
            "reference": "RLEAK-TRANSFER",
        }

    def _probes(self):
        return [(self.buyer_a, buyer_may), (self.approver_a, approver_may), (self.accountant_a, accountant_may)]

    def test_buyer_without_accountant_role_reads_no_money_record(self):
        crawler = RoleReadCrawler(self, self.dealer_a, self.buyer_a, self.markers, self.hidden)
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        visited = {url for _method, url in crawler.visited}
        # Discovered, not listed: the order pages with their invoices, the money models through RPC.
        self.assertIn(f"/my/orders/{self.delivered.id}", visited)
        self.assertIn(f"/my/dealer/orders/{self.delivered.id}", visited)
        self.assertIn("/web/dataset/call_kw/dealer.deposit.move/search_read", visited)
        self.assertIn("/web/dataset/call_kw/dealer.statement/read", visited)

    def test_no_post_route_acts_for_a_user_lacking_its_role(self):
        crawler = RolePostCrawler(
            self, self.dealer_a, self._probes(), form=self._form(), watched_models=("account.payment", "res.users")
        )
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        posted = {url for _login, _method, url in crawler.visited}
        for url in (
            f"/my/dealer/orders/{self.approved.id}/change",
            f"/my/dealer/approvals/{self.waiting.id}/approve",
            f"/my/orders/{self.quotation.id}/decline",
            "/my/dealer/users/invite",
            f"/my/dealer/users/{self.env['dealer.user.role'].search([('user_id', '=', self.buyer_a.id)]).id}/roles",
            "/my/dealer/statement/answer",
            f"/my/dealer/invoices/{self.invoice.id}/deposit",
        ):
            self.assertIn(url, posted)

    def test_role_crawler_catches_planted_leaks(self):
        self._plant_leaky_routes()
        crawler = RoleReadCrawler(
            self, self.dealer_a, self.buyer_a, self.markers, self.hidden, modules={LEAK_MODULE}, rpc=False
        )
        findings = crawler.crawl()
        leak = f"/dealer_test_role_leak/orders/{self.delivered.id}/invoices"
        self.assertIn(("GET", leak), crawler.visited)
        self.assertTrue([f for f in findings if leak in f and self.invoice.name in f], findings)

        crawler = RolePostCrawler(
            self, self.dealer_a, [(self.accountant_a, accountant_may)], form=self._form(), modules={LEAK_MODULE}
        )
        findings = crawler.crawl()
        leak = f"/dealer_test_role_leak/orders/{self.approved.id}/cancel"
        self.assertIn((self.accountant_a.login, "POST", leak), crawler.visited)
        self.assertTrue([f for f in findings if leak in f and "sale.order" in f], findings)
        self.assertEqual(self.approved.state, "draft", "every probe is rolled back")

    def _plant_leaky_routes(self):
        """Routes that check the order is the user's dealer's but not the user's role, as a careless
        module would add them; live for this test only."""

        class LeakyController(http.Controller):
            __module__ = f"odoo.addons.{LEAK_MODULE}.controllers.portal"

            def _order_sudo(self, order_id):
                order_sudo = request.env["sale.order"].sudo().browse(order_id).exists()
                if order_sudo.partner_id.commercial_partner_id != request.env.user.partner_id.dealer_id:
                    raise NotFound()
                return order_sudo

            @http.route("/dealer_test_role_leak/orders/<int:order_id>/invoices", type="http", auth="user")
            def leaky_invoices(self, order_id):
                return request.make_response(" ".join(self._order_sudo(order_id).invoice_ids.mapped("name")))

            @http.route(
                "/dealer_test_role_leak/orders/<int:order_id>/cancel", type="http", auth="user", methods=["POST"]
            )
            def leaky_cancel(self, order_id):
                self._order_sudo(order_id)._action_cancel()
                return request.make_response("ok")

        plant_routes(self, LEAK_MODULE)
