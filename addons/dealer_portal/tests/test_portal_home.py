import re
from urllib.parse import urlsplit

from lxml import html

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

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

    def test_notice_published_today_shows_whatever_the_users_timezones(self):
        # Kiritimati (UTC+14) and Pago Pago (UTC-11) never share a calendar day.
        self.env.user.tz = "Pacific/Kiritimati"
        self.portal_a.tz = "Pacific/Pago_Pago"
        notice = self.env["dealer.notice"].create({"name": "Notice published right now"})
        shown = self.env["dealer.notice"].with_user(self.portal_a)._dealer_portal_notices(self.dealer_a)
        self.assertIn(notice, shown)
        self.env.company.partner_id.tz = "Asia/Shanghai"
        notice = self.env["dealer.notice"].create({"name": "Notice of a brand in Shanghai"})
        shown = self.env["dealer.notice"].with_user(self.portal_a)._dealer_portal_notices(self.dealer_a, limit=None)
        self.assertIn(notice, shown)

    def test_non_dealer_user_is_sent_to_portal_home(self):
        self.authenticate("admin", "admin")
        for url in ("/my/dealer", "/my/dealer/catalog", "/my/dealer/cart", "/my/dealer/credit", "/my/dealer/orders"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my"))

    def _log_in(self, login):
        """Log in through Odoo's login form; the answer's redirection."""
        self.authenticate(None, None)
        form = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        response = self.url_open(
            "/web/login", data={"login": login, "password": login, "csrf_token": token}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        return urlsplit(response.headers["Location"]).path

    def test_dealers_land_on_their_home_and_have_one_order_list(self):
        self.assertEqual(self._log_in("t_portal_a"), "/my/dealer")
        self.authenticate("t_portal_a", "t_portal_a")
        self.assertEqual(urlsplit(self.url_open("/").url).path, "/my/dealer")
        for url in ("/my/orders", "/my/quotes"):
            self.assertEqual(urlsplit(self.url_open(url).url).path, "/my/dealer/orders")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["order_count", "quotation_count"]})
        self.assertEqual(counters, {"order_count": 0, "quotation_count": 0})
        home = self.url_open("/my").text
        self.assertIn('href="/my/dealer"', home)
        # A customer outside the channel keeps Odoo's portal.
        retail = self.env["res.partner"].create({"name": "Retail Customer", "email": "retail@example.com"})
        new_test_user(self.env, "t_retail_home", groups="base.group_portal", partner_id=retail.id)
        order = self.env["sale.order"].create(
            {"partner_id": retail.id, "order_line": [Command.create({"product_id": self.fan.id})]}
        )
        order.action_confirm()
        self.assertEqual(self._log_in("t_retail_home"), "/my")
        self.authenticate("t_retail_home", "t_retail_home")
        self.assertEqual(urlsplit(self.url_open("/my/orders").url).path, "/my/orders")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["order_count"]})
        self.assertEqual(counters, {"order_count": 1})
        self.assertNotIn('href="/my/dealer"', self.url_open("/my").text)

    def test_order_page_shows_its_path_its_taxes_and_only_the_actions_its_state_allows(self):
        vat = self.env["account.tax"].create({"name": "Portal VAT 13%", "amount": 13.0, "type_tax_use": "sale"})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "partner_shipping_id": self.address_a.id,
                "order_line": [Command.create({"product_id": self.fan.id, "product_uom_qty": 2, "tax_id": vat.ids})],
            }
        )
        order.action_dealer_submit_for_dealer()
        self.assertEqual(order.dealer_portal_state, "preparing", "confirmed, the fans in stock reserved")
        self.authenticate("t_portal_a", "t_portal_a")

        def page():
            return html.fromstring(self.url_open(f"/my/dealer/orders/{order.id}").text)

        doc = page()
        steps = doc.xpath("//ol[contains(@class, 'o_dealer_order_timeline')]/li")
        self.assertEqual(
            [li.get("data-state") for li in steps],
            ["submitted", "confirmed", "preparing", "shipped", "delivered", "invoiced", "paid"],
        )
        self.assertEqual(
            [li.get("data-state") for li in steps if "o_dealer_timeline_current" in li.get("class")], ["preparing"]
        )
        self.assertEqual(doc.xpath("//td[contains(@class, 'o_dealer_order_tax')]")[0].text_content().count("52.00"), 1)
        self.assertTrue(doc.xpath("//form[contains(@class, 'o_dealer_change_request_form')]"))
        # Shipped: a change is no longer offered, nor taken.
        picking = order.picking_ids
        picking.move_ids.quantity = 2
        picking.move_ids.picked = True
        picking.button_validate()
        self.assertEqual(order.dealer_portal_state, "shipped")
        doc = page()
        self.assertFalse(doc.xpath("//form[contains(@class, 'o_dealer_change_request_form')]"))
        current = doc.xpath("//ol[contains(@class, 'o_dealer_order_timeline')]/li[contains(@class, 'current')]")
        self.assertEqual(current[0].get("data-state"), "shipped")
        with self.assertRaisesRegex(UserError, "not shipped yet"):
            order.with_user(self.portal_a).sudo()._dealer_portal_request_change("Two more fans")
        self.assertFalse(order.dealer_change_request_ids)
