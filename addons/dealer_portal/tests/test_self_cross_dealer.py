"""Dealer A's administrator probes every self-service route and model with dealer B's ids."""

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.security_crawler import PortalCrawler

from .common_self_service import PNG_BYTES, SelfServiceCase


@tagged("post_install", "-at_install")
class TestSelfServiceCrossDealer(HttpCase, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_b.write({"name": "Zephyr Self Dealer B", "dealer_code": "SELFB-77341"})
        cls.order_b = cls._delivered_order(cls.dealer_b, qty=4)
        cls.order_b.name = "SO-SELFB-0001"
        cls.invoice_b = cls._move(cls, cls.dealer_b, 321.0, cls.month_start)
        cls.return_b = (
            cls.env["dealer.return"]
            .with_user(cls.portal_b)
            ._dealer_portal_request(
                cls.order_b.with_user(cls.portal_b),
                {str(cls.order_b.order_line.id): 1},
                "Zephyr return reason",
                [("b.png", PNG_BYTES)],
            )
        )
        cls.colleague_b = cls._colleague(cls.dealer_b, "t_selfb_buyer", buyer=True, limit=10.0)
        cls.sub_b = cls._create_dealer(
            "SELFB-SUB-5521", "Zephyr Sub Shop", cls.sales_b, dealer_parent_id=cls.dealer_b.id
        )
        cls.sub_b.dealer_parent_may_order = True
        cls.env["dealer.statement"].with_user(cls.portal_b)._dealer_portal_answer(
            cls.month_start, cls.month_end, "disputed", "Zephyr dispute"
        )
        cls.order_a = cls._delivered_order(cls.dealer_a, qty=2)
        cls.markers_b = [
            cls.dealer_b.dealer_code,
            cls.dealer_b.name,
            cls.order_b.name,
            cls.invoice_b.name,
            cls.return_b.name,
            "Zephyr return reason",
            "Zephyr dispute",
            cls.sub_b.dealer_code,
            cls.sub_b.name,
        ]

    def test_dealer_a_never_sees_dealer_b_through_self_service(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        crawler = PortalCrawler(
            self, self.dealer_a, self.dealer_b, self.markers_b, modules={"dealer_portal", "account"}
        )
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        visited = {url for _method, url in crawler.visited}
        for url in (
            f"/my/dealer/returns/{self.return_b.id}",
            f"/my/dealer/returns/new/{self.order_b.id}",
            f"/my/dealer/invoices/{self.invoice_b.id}/deposit",
            "/my/dealer/statement/pdf",
            "/web/dataset/call_kw/dealer.return/read",
            "/web/dataset/call_kw/dealer.statement/read",
            "/web/dataset/call_kw/dealer.user.role/read",
        ):
            self.assertIn(url, visited)
