from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common_self_service import SelfServiceCase

PNG_1PX = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@tagged("post_install", "-at_install")
class TestDealerRoleActions(HttpCase, SelfServiceCase):
    """What each role of a dealer may do on its orders, and what a parent dealer may do on its sub-dealers'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.SaleOrder = cls.env["sale.order"]

    def _post(self, url, **data):
        return self.opener.post(
            f"{self.base_url()}{url}",
            data=dict(data, csrf_token=Request.csrf_token(self)),
            timeout=30,
            allow_redirects=False,
        )

    def _cart(self, user, qty, dealer=None):
        cart = (dealer or self.dealer_a)._dealer_portal_cart(user=user)
        cart.write({"order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": qty})]})
        return cart

    def _approved_order_held_by_the_brand(self):
        """A buyer's order above its limit, approved by the dealer's approver, then held by the brand's review."""
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.min_order_amount", "100000")
        order = self._cart(self.buyer_a, qty=6)  # 600 > the buyer's limit of 500
        order.with_user(self.buyer_a).sudo()._dealer_portal_submit()
        order.with_user(self.approver_a)._dealer_portal_approve("Fine")
        self.assertEqual(
            (order.state, order.dealer_approval_state, order.dealer_review_state), ("draft", "approved", "review")
        )
        return order

    # ------------------------------------------------------------
    # A CHANGE AFTER APPROVAL
    # ------------------------------------------------------------

    def test_change_after_approval_goes_back_to_the_approver(self):
        order = self._approved_order_held_by_the_brand()
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        response = self._post(f"/my/dealer/orders/{order.id}/change")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(order.dealer_cart_user_id, self.buyer_a)
        self.assertEqual((order.dealer_approval_state, order.dealer_approver_id.id), ("none", False))
        # The buyer adds lines and submits again: the bigger order waits for the approver again.
        order._dealer_portal_add_rows([{"ref": "1", "product_id": self.product.id, "qty": 30}])
        order.with_user(self.buyer_a).sudo()._dealer_portal_submit()
        self.assertEqual((order.state, order.dealer_approval_state), ("draft", "waiting"))
        self.assertFalse(order.dealer_submitted_date, "the brand does not receive it before the approval")
        self.assertEqual(order.dealer_submitted_by_id, self.buyer_a)

    def test_an_approved_cart_still_needs_a_buyer(self):
        cart = self._cart(self.accountant_a, qty=2)
        cart.dealer_approval_state = "approved"
        with self.assertRaises(AccessError):
            cart.with_user(self.accountant_a).sudo()._dealer_portal_submit()
        self.assertEqual((cart.state, cart.dealer_cart_user_id), ("draft", self.accountant_a))

    def test_order_routes_need_the_role_of_their_action(self):
        order = self._approved_order_held_by_the_brand()
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        for action in ("change", "cancel", "reorder", "change-request", "received"):
            response = self._post(f"/my/dealer/orders/{order.id}/{action}", description="More kettles")
            self.assertEqual(response.status_code, 403, action)
        self.assertEqual((order.state, order.dealer_cart_user_id.id), ("draft", False))
        self.assertFalse(order.dealer_change_request_ids)
        self.assertFalse(self.dealer_a._dealer_portal_cart(user=self.accountant_a, create=False))
        for url in ("/my/dealer/catalog/add", "/my/dealer/cart/refresh"):
            self.assertEqual(self._post(url, **{f"qty_{self.product.id}": "1"}).status_code, 403, url)
        self.assertFalse(self.dealer_a._dealer_portal_cart(user=self.accountant_a, create=False))
        # The order page offers the accountant none of these actions, the buyer all of them.
        page = self.url_open(f"/my/dealer/orders/{order.id}").text
        for button in ("o_dealer_order_change", "o_dealer_order_cancel", "o_dealer_order_reorder"):
            self.assertNotIn(button, page)
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        page = self.url_open(f"/my/dealer/orders/{order.id}").text
        for button in ("o_dealer_order_change", "o_dealer_order_cancel", "o_dealer_order_reorder"):
            self.assertIn(button, page)
        self.assertEqual(self._post(f"/my/dealer/orders/{order.id}/cancel").status_code, 303)
        self.assertEqual(order.state, "cancel")

    def test_each_action_needs_its_role(self):
        order = self._approved_order_held_by_the_brand()
        expected = {
            self.portal_a: {"view", "cart", "cancel", "change", "reorder", "approve", "reject"},
            self.buyer_a: {"view", "cart", "cancel", "change", "reorder"},
            self.approver_a: {"view", "approve", "reject"},
            self.accountant_a: {"view"},
        }
        for user, allowed in expected.items():
            for action in ("view", "cart", "cancel", "change", "reorder", "approve", "reject"):
                with self.subTest(user=user.login, action=action):
                    if action in allowed:
                        order._dealer_portal_check_action(action, user)
                    else:
                        with self.assertRaises(AccessError):
                            order._dealer_portal_check_action(action, user)
        with self.assertRaises(AccessError):
            order._dealer_portal_check_action("view", self.portal_b)
        # The brand's staff belong to no dealer: the dealer's roles do not concern them.
        self.SaleOrder.with_user(self.manager)._dealer_portal_check_role("cancel")

    def test_signing_or_declining_a_quotation_needs_a_buyer(self):
        quotation = self.SaleOrder.create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 2})],
            }
        )
        quotation.action_quotation_sent()
        self.assertTrue(quotation._has_to_be_signed())
        held = self._approved_order_held_by_the_brand()
        self.assertFalse(held._has_to_be_signed(), "a submitted order goes on through the review, not a signature")
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        response = self._post(f"/my/orders/{quotation.id}/decline", decline_message="No")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(quotation.state, "sent")
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        self._post(f"/my/orders/{held.id}/decline", decline_message="No")
        self.assertEqual(held.state, "draft")
        self._post(f"/my/orders/{quotation.id}/decline", decline_message="No")
        self.assertEqual(quotation.state, "cancel")

    def test_a_dealers_quotation_is_never_signed_or_declined_through_its_link_alone(self):
        quotation = self.SaleOrder.create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 2})],
            }
        )
        quotation.action_quotation_sent()
        token = quotation._portal_ensure_token()
        # The accountant sees the order's page and its link, then tries it without a session; so does
        # a user of another dealer holding the link.
        for login in (None, self.portal_b.login):
            self.authenticate(login, login)
            url = f"{self.base_url()}/my/orders/{quotation.id}/accept?access_token={token}"
            answer = self.opener.post(
                url, json={"params": {"name": "Someone", "signature": PNG_1PX}}, timeout=30
            ).json()
            self.assertIn("buyer role of your dealer", answer.get("result", {}).get("error", ""), answer)
            response = self._post(f"/my/orders/{quotation.id}/decline", access_token=token, decline_message="No")
            self.assertIn(response.status_code, (303, 403))
            self.assertEqual((quotation.state, quotation.signed_by), ("sent", False))
        # A visitor is sent to log in.
        self.authenticate(None, None)
        response = self._post(f"/my/orders/{quotation.id}/decline", access_token=token, decline_message="No")
        self.assertIn("/web/login", response.headers["Location"])
        # The dealer's buyer, logged in, declines it.
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        self._post(f"/my/orders/{quotation.id}/decline", access_token=token, decline_message="No")
        self.assertEqual(quotation.state, "cancel")

    # ------------------------------------------------------------
    # INVOICES, STATEMENTS AND DEPOSIT MOVEMENTS: THE ACCOUNTANT'S
    # ------------------------------------------------------------

    def test_order_page_lists_invoices_only_to_accountants(self):
        order = self._delivered_order(self.dealer_a, qty=2)
        invoice = order._create_invoices()
        invoice.action_post()
        token = invoice._portal_ensure_token()
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn(order.name, page)
        self.assertNotIn(invoice.name, page)
        self.assertNotIn(token, page)
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn(invoice.name, page)
        # Holding only the order's link (no session) shows no invoice link either.
        self.authenticate(None, None)
        page = self.url_open(f"/my/orders/{order.id}?access_token={order._portal_ensure_token()}").text
        self.assertIn(order.name, page)
        self.assertNotIn(invoice.name, page)
        self.assertNotIn(token, page)

    def test_statements_and_deposit_movements_only_for_accountants(self):
        statement = self.env["dealer.statement"].create(
            {
                "partner_id": self.dealer_a.id,
                "company_id": self.env.company.id,
                "date_from": self.month_start,
                "date_to": self.month_end,
                "closing_balance": 4321.0,
                "state": "confirmed",
            }
        )
        move = self.env["dealer.deposit.move"].create(
            {"name": "Deposit paid in DPM-77301", "partner_id": self.dealer_a.id, "amount": 700.0}
        )
        for user in (self.buyer_a, self.approver_a):
            for record in (statement, move):
                self.assertFalse(record.with_user(user).search([("id", "=", record.id)]), (user.login, record))
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["display_name"])
        for user in (self.accountant_a, self.portal_a):
            self.assertEqual(statement.with_user(user).search([("id", "=", statement.id)]), statement)
            self.assertEqual(move.with_user(user).search([("id", "=", move.id)]), move)
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        page = self.url_open("/my/dealer/credit").text
        self.assertIn("o_dealer_deposit_moves_hidden", page)
        self.assertNotIn(move.name, page)
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        self.assertIn(move.name, self.url_open("/my/dealer/credit").text)

    # ------------------------------------------------------------
    # A PARENT DEALER AND ITS SUB-DEALERS' ORDERS
    # ------------------------------------------------------------

    def _held_sub_dealer_order(self, sub_dealer, user):
        order = self.SaleOrder.create(
            {
                "partner_id": sub_dealer.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 1})],
                "dealer_submitted_date": fields.Datetime.now(),
                "dealer_submitted_by_id": user.id,
                "dealer_review_state": "review",
            }
        )
        return order

    def test_parent_acts_only_on_the_sub_dealer_orders_it_placed(self):
        sub = self._create_dealer("TA03", "Sub A Corner Shop", self.sales_a, dealer_parent_id=self.dealer_a.id)
        sub.dealer_parent_may_order = True
        sub_user = self._create_portal_user(sub, "t_sub_a_own")
        own = self._held_sub_dealer_order(sub, sub_user)
        placed = self._held_sub_dealer_order(sub, self.buyer_a)
        with self.assertRaises(AccessError):
            own._dealer_portal_check_action("view", self.buyer_a)
        placed._dealer_portal_check_action("cancel", self.buyer_a)
        # The sub-dealer's users act on both: both are their dealer's orders.
        own._dealer_portal_check_action("cancel", sub_user)
        placed._dealer_portal_check_action("cancel", sub_user)

        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        self.assertEqual(self._post("/my/dealer/sub-dealers/order-for", sub_id=sub.id).status_code, 303)
        listing = self.url_open("/my/dealer/orders").text
        self.assertIn(placed.name, listing)
        self.assertNotIn(own.name, listing)
        self.assertEqual(self.url_open(f"/my/dealer/orders/{own.id}").status_code, 404)
        for action in ("cancel", "change", "reorder"):
            self.assertEqual(self._post(f"/my/dealer/orders/{own.id}/{action}").status_code, 404, action)
        self.assertEqual((own.state, own.dealer_cart_user_id.id), ("draft", False))
        self.assertEqual(self.url_open(f"/my/dealer/orders/{placed.id}").status_code, 200)
        self.assertEqual(self._post(f"/my/dealer/orders/{placed.id}/cancel").status_code, 303)
        self.assertEqual(placed.state, "cancel")
