"""Dealer A's users probe the online payment routes with dealer B's orders, invoices and transactions."""

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.security_crawler import PortalCrawler

from .test_order_payment_common import OrderPaymentCase


@tagged("post_install", "-at_install")
class TestOrderPaymentCrawler(HttpCase, OrderPaymentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_b.write({"name": "Zephyr Pay Dealer B", "dealer_code": "PAYB-66120"})
        cls.order_b = cls.env["sale.order"].create(
            {
                "partner_id": cls.dealer_b.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 3})],
                "dealer_payment_method": "online",
            }
        )
        cls.order_b.action_confirm()
        cls.order_b.name = "SO-PAYB-0001"
        cls.invoice_b = cls._move(cls, cls.dealer_b, 432.0, cls.month_start)
        cls.tx_b = cls._transaction(cls, cls.order_b, partner=cls.portal_b.partner_id, reference="TX-PAYB-0001")
        cls.order_a = cls.env["sale.order"].create(
            {
                "partner_id": cls.dealer_a.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})],
                "dealer_payment_method": "online",
            }
        )
        cls.order_a.action_confirm()
        cls.markers_b = [
            cls.dealer_b.dealer_code,
            cls.dealer_b.name,
            cls.order_b.name,
            cls.invoice_b.name,
            cls.tx_b.reference,
        ]

    def _crawl(self, login):
        self.authenticate(login, login)
        crawler = PortalCrawler(
            self, self.dealer_a, self.dealer_b, self.markers_b, modules={"dealer_payment", "account_payment", "payment"}
        )
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        return {url for _method, url in crawler.visited}

    def test_dealer_a_never_reaches_dealer_b_through_payment_routes(self):
        visited = self._crawl("t_portal_a")
        for url in (
            f"/my/dealer/orders/{self.order_b.id}",
            f"/my/dealer/orders/{self.order_b.id}/transaction",
            "/my/dealer/invoices/pay",
        ):
            self.assertIn(url, visited)

    def test_accountant_of_dealer_a_never_reaches_dealer_b(self):
        visited = self._crawl("t_accountant_a")
        self.assertIn(f"/my/dealer/orders/{self.order_b.id}/transaction", visited)
