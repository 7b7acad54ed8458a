"""Dealer A's portal user probes every portal route and RPC model for dealer B's data."""

from odoo import Command, http
from odoo.http import request
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.common import DealerCase
from odoo.addons.dealer_base.tests.security_crawler import PortalCrawler, plant_routes

LEAK_MODULE = "dealer_test_leak"


@tagged("post_install", "-at_install")
class TestCrossDealerCrawler(HttpCase, DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Long, unique markers: short ones could turn up by chance in a page.
        cls.secure_a = cls._create_dealer("SECA-30581", "Aquila Crawl Dealer A", cls.sales_a)
        cls.secure_b = cls._create_dealer("SECB-90417", "Zephyr Crawl Dealer B", cls.sales_b)
        cls.user_a = cls._create_portal_user(cls.secure_a, "t_crawl_portal_a")
        cls.order_a = cls._confirmed_order(cls.secure_a, "SO-SECA-0001")
        cls.order_b = cls._confirmed_order(cls.secure_b, "SO-SECB-0001")
        cls.quotation_b = cls._quotation(cls.secure_b, "SO-SECB-0002")
        cls.invoice_b = cls.order_b._create_invoices()
        cls.invoice_b.action_post()
        cls.markers_b = [
            cls.secure_b.dealer_code,
            cls.secure_b.name,
            cls.order_b.name,
            cls.quotation_b.name,
            cls.invoice_b.name,
        ]

    @classmethod
    def _quotation(cls, dealer, name):
        order = cls.env["sale.order"].create(
            {
                "partner_id": dealer.id,
                "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 3})],
            }
        )
        order.name = name
        return order

    @classmethod
    def _confirmed_order(cls, dealer, name):
        order = cls._quotation(dealer, name)
        order.action_confirm()
        return order

    def _crawler(self, **kwargs):
        self.authenticate(self.user_a.login, self.user_a.login)
        return PortalCrawler(self, self.secure_a, self.secure_b, self.markers_b, **kwargs)

    def test_dealer_sees_own_order_in_portal(self):
        # The crawler's check would find A's markers on A's own pages.
        self.authenticate(self.user_a.login, self.user_a.login)
        response = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order_a.name, response.text)

    def test_portal_user_never_sees_another_dealers_data(self):
        crawler = self._crawler()
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        # Discovered, not listed: B's order and invoice pages were probed.
        visited = {url for _method, url in crawler.visited}
        self.assertIn(f"/my/orders/{self.order_b.id}", visited)
        self.assertIn(f"/my/invoices/{self.invoice_b.id}", visited)
        self.assertIn("/web/dataset/call_kw/sale.order/read", visited)

    def test_crawler_catches_a_planted_leak(self):
        self._plant_leaky_route()
        crawler = self._crawler(modules={LEAK_MODULE}, rpc=False)
        findings = crawler.crawl()
        leak = f"/dealer_test_leak/order/{self.order_b.id}"
        # Discovered from the routing map, not listed in the crawler.
        self.assertIn(("GET", leak), crawler.visited)
        self.assertTrue([f for f in findings if leak in f and self.order_b.name in f], findings)

    def _plant_leaky_route(self):
        """A route that shows any order by id through sudo, with no access check,
        as a careless module would add it; live for this test only."""

        class LeakyController(http.Controller):
            __module__ = f"odoo.addons.{LEAK_MODULE}.controllers.portal"

            @http.route("/dealer_test_leak/order/<int:order_id>", type="http", auth="user")
            def leaky_order(self, order_id):
                order_sudo = request.env["sale.order"].sudo().browse(order_id).exists()
                return request.make_response(f"{order_sudo.name} {order_sudo.partner_id.name}")

        plant_routes(self, LEAK_MODULE)
