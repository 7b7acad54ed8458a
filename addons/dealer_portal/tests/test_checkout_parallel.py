"""The checkout form posted twice at the same moment, over HTTP, each request in its own transaction.

A double click, a retried request or a second browser session of the same
buyer: the requests race for the one cart. Whichever comes second must show
the order the first one placed, never an error page and never a second order.
"""

import re

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import ConcurrentHttpCase

LOGIN = "t_parallel_checkout"


@tagged("post_install", "-at_install")
class TestCheckoutParallel(ConcurrentHttpCase):
    def setUp(self):
        super().setUp()

        def cart(dealer, product, user):
            cart = dealer._dealer_portal_cart(user=user)
            cart.write({"order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})]})
            return cart.id

        self.cart_id = self.committed_dealer(
            "T-PAR-CHK", login=LOGIN, credit_limit=1000000.0, product={"list_price": 2400.0}, prepare=cart
        )

    def _checkout_form(self, browser):
        page = self.get(browser, "/my/dealer/checkout")
        self.assertEqual(page.status_code, 200)
        return {
            "csrf_token": self.csrf_token_of(page.text),
            "submit_key": re.search(r'name="submit_key" value="([^"]+)"', page.text).group(1),
            "partner_shipping_id": self.dealer_id,
            "client_order_ref": "PO parallel",
            "dealer_payment_method": "credit",
        }

    def _orders_now(self, env):
        orders = env["sale.order"].search([("partner_id", "child_of", self.dealer_id)])
        dealer = env["res.partner"].browse(self.dealer_id)
        submitted = orders.filtered(lambda o: not o.dealer_cart_user_id)
        followers = submitted.message_follower_ids.filtered(lambda f: f.partner_id == dealer)
        confirmations = submitted.message_ids.filtered(lambda m: "confirmed" in (m.subject or ""))
        return submitted.ids, submitted.mapped("state"), len(followers), len(confirmations)

    def _assert_one_order_shown_to_both(self, responses):
        order_url = f"/my/dealer/orders/{self.cart_id}?submitted=1"
        for response in responses:
            self.assertEqual(response.status_code, 303, response.text[:2000])
            self.assertTrue(response.headers["Location"].endswith(order_url), response.headers["Location"])
        ids, states, followers, confirmations = self.committed(self._orders_now)
        self.assertEqual(ids, [self.cart_id], "one order: the cart itself")
        self.assertEqual(states, ["sale"])
        self.assertEqual(followers, 1)
        self.assertEqual(confirmations, 1, "the dealer is told once")

    def test_a_double_click_on_submit_places_one_order_and_shows_it_twice(self):
        browser = self.new_session(LOGIN, LOGIN)
        form = self._checkout_form(browser)
        url = "/my/dealer/checkout/submit"
        responses = self.post_together([(browser, url, form), (browser, url, form)])
        self._assert_one_order_shown_to_both(responses)

    def test_two_sessions_submitting_one_cart_place_one_order_and_both_see_it(self):
        first, second = self.new_session(LOGIN, LOGIN), self.new_session(LOGIN, LOGIN)
        forms = [self._checkout_form(first), self._checkout_form(second)]
        url = "/my/dealer/checkout/submit"
        responses = self.post_together([(first, url, forms[0]), (second, url, forms[1])])
        self._assert_one_order_shown_to_both(responses)
