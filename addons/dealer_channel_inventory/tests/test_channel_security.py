from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.security_crawler import PortalCrawler

from .channel_common import ChannelCase


@tagged("post_install", "-at_install")
class TestChannelSecurity(HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._report(cls.dealer_a, [(cls.p1, 3, 5)], cls._week(0))
        cls._report(cls.dealer_b, [(cls.p1, 4, 10), (cls.p2, 1, 3)], cls._week(0))
        cls.Stock._refresh()
        cls.env["dealer.cover.alert"]._generate()
        cls.key_a = cls.env["dealer.api.key"]._generate(cls.dealer_a, "ERP A")[1]

    def test_portal_user_reads_only_its_own_dealers_channel_records(self):
        for model in ("dealer.stock.report", "dealer.stock.report.line", "dealer.channel.stock"):
            records = self.env[model].with_user(self.portal_a).search([])
            self.assertTrue(records, model)
            self.assertEqual(records.mapped("dealer_id"), self.dealer_a, model)
        for model in ("dealer.cover.alert", "dealer.report.compliance", "dealer.api.key", "dealer.api.call"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.portal_a).search([])
        with self.assertRaises(AccessError):
            self.env["dealer.stock.report"].with_user(self.portal_a).create(
                {"dealer_id": self.dealer_a.id, "period_start": self.week0, "period_end": self.week0}
            )

    def test_salesperson_sees_only_own_dealers_channel_stock_and_alerts(self):
        for model in ("dealer.channel.stock", "dealer.cover.alert", "dealer.stock.report", "dealer.report.compliance"):
            records = self.env[model].with_user(self.sales_a).search([])
            self.assertTrue(records, model)
            self.assertEqual(records.mapped("dealer_id"), self.dealer_a, model)

    def test_crawler_finds_no_other_dealers_data_in_the_channel_routes_and_api(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        # Every request of the crawl also carries dealer A's API key.
        self.opener.headers["X-Dealer-Api-Key"] = self.key_a
        markers = [self.dealer_b.dealer_code, self.dealer_b.name]
        crawler = PortalCrawler(
            self,
            self.dealer_a,
            self.dealer_b,
            markers,
            modules={"dealer_channel_inventory"},
        )
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        visited = {url for _method, url in crawler.visited}
        self.assertIn("/dealer_api/v1/stock_reports", visited)
        self.assertIn("/dealer_api/v1/suggestions", visited)
        self.assertIn("/web/dataset/call_kw/dealer.channel.stock/read", visited)
        self.assertIn("/web/dataset/call_kw/dealer.stock.report/read", visited)
