from odoo.tests import HttpCase, tagged

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerHome(HttpCase, DealerPortalCase):
    def test_dealer_home_lists_own_open_orders_only(self):
        order_a = self._order(self.dealer_a)
        order_a.partner_shipping_id = self.address_far
        order_a.action_dealer_submit_for_dealer()
        order_b = self._order(self.dealer_b)
        order_b.action_confirm()
        states = {s[0]: s[2] for s in self.dealer_a._dealer_portal_open_orders_by_state()}
        self.assertEqual(states, {"review": 1})
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open("/my/dealer")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Dealer A Trading", response.text)
        self.assertNotIn("Dealer B Trading", response.text)
        self.assertIn("o_dealer_home_state", response.text)
        self.assertIn("/my/dealer/orders?state=review", response.text)
        orders = self.url_open("/my/dealer/orders?state=review").text
        self.assertIn(order_a.name, orders)
        self.assertNotIn(order_b.name, orders)

    def test_dealer_home_shows_credit_deposit_links_and_targeted_notices(self):
        self.dealer_a.credit_limit = 5000.0
        self.env["dealer.deposit.move"].create({"partner_id": self.dealer_a.id, "amount": 321.0, "name": "Top-up"})
        Notice = self.env["dealer.notice"]
        Notice.create({"name": "Notice for every dealer", "company_id": False})
        Notice.create({"name": "Notice for the far region", "region_ids": [(6, 0, self.foreign_region.ids)]})
        Notice.create({"name": "Notice of an old campaign", "date_start": "2020-01-01", "date_end": "2020-02-01"})
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer").text
        self.assertIn("Notice for every dealer", page)
        self.assertNotIn("far region", page)
        self.assertNotIn("old campaign", page)
        self.assertIn("5,000.00", page)
        self.assertIn("321.00", page)
        for link in (
            "/my/dealer/catalog",
            "/my/dealer/cart",
            "/my/dealer/quick-order",
            "/my/dealer/import",
            "/my/dealer/credit",
            "/my/dealer/orders",
        ):
            self.assertIn(f'href="{link}"', page)
        # The record rules keep the other region's notice away from the portal user too.
        visible = Notice.with_user(self.portal_a).search([]).mapped("name")
        self.assertIn("Notice for every dealer", visible)
        self.assertNotIn("Notice for the far region", visible)

    def test_non_dealer_user_is_sent_to_portal_home(self):
        self.authenticate("admin", "admin")
        for url in ("/my/dealer", "/my/dealer/catalog", "/my/dealer/cart", "/my/dealer/credit", "/my/dealer/orders"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my"))
