"""A salesperson of region A probes every model its group may read for region B's dealers' records."""

import time
from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.common import DealerCase
from odoo.addons.dealer_base.tests.security_crawler_salesperson import SalespersonCrawler

# What region B's dealer has in every corner of the platform: the crawler must reach each.
EXPECTED_TARGETS = {
    "sale.order",
    "sale.order.line",
    "account.move",
    "account.move.line",
    "stock.picking",
    "stock.move",
    "stock.move.line",
    "procurement.group",
    "dealer.rebate.accrual",
    "dealer.rebate.settlement",
    "dealer.deposit.move",
    "dealer.statement",
    "dealer.return",
    "dealer.stock.report",
    "dealer.stock.report.line",
    "dealer.price",
    "dealer.price.history",
    "product.pricelist",
    "product.pricelist.item",
    "channel.sale.summary",
}


@tagged("post_install", "-at_install")
class TestSalespersonCrawler(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Region = cls.env["dealer.region"]
        cls.region_a = Region.create({"name": "Crawl East", "code": "T-CE", "region_type": "region"})
        cls.region_b = Region.create({"name": "Crawl South", "code": "T-CS", "region_type": "region"})
        cls.dealer_a.dealer_region_id = cls.region_a
        cls.dealer_b.dealer_region_id = cls.region_b
        cls.product.write({"default_code": "T-CRAWL-KETTLE", "taxes_id": [Command.clear()]})
        cls._dealer_b_everywhere()

    @classmethod
    def _dealer_b_everywhere(cls):
        """Orders, deliveries, invoices, rebates, deposit, statement, return, channel stock, prices."""
        env = cls.env
        program = env["dealer.rebate.program"].create(
            {
                "name": "Crawl Rebate",
                "period_type": "quarter",
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
                "dealer_ids": [Command.set(cls.dealer_b.ids)],
                "tier_ids": [Command.create({"threshold": 100, "rate": 2.0})],
            }
        )
        order = cls._order(cls, cls.dealer_b)
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.invoice_date = date(2025, 2, 1)
        invoice.action_post()
        program._settle_ended_periods(until=date(2025, 4, 1))
        env["dealer.deposit.move"].create({"name": "Crawl deposit", "partner_id": cls.dealer_b.id, "amount": 500.0})
        env["dealer.statement"].create(
            {
                "partner_id": cls.dealer_b.id,
                "company_id": env.company.id,
                "date_from": date(2025, 2, 1),
                "date_to": date(2025, 2, 28),
                "state": "confirmed",
            }
        )
        env["dealer.return"].create({"partner_id": cls.dealer_b.id, "order_id": order.id, "reason": "Dented"})
        env["dealer.stock.report"].create(
            {
                "dealer_id": cls.dealer_b.id,
                "period_start": date(2025, 2, 3),
                "period_end": date(2025, 2, 9),
                "line_ids": [Command.create({"product_id": cls.product.id, "onhand_qty": 4, "sold_qty": 2})],
            }
        )
        env["dealer.price"].create({"dealer_id": cls.dealer_b.id, "product_id": cls.product.id, "price": 88.0})
        env["channel.sale.summary"]._refresh()

    def _crawler(self, **kwargs):
        return SalespersonCrawler(self.env, self.sales_a, self.dealer_b, **kwargs)

    def test_salesperson_reads_own_dealers_records(self):
        # The crawler's probe would find A's records: a salesperson sees its own dealer.
        order_a = self._order(self.dealer_a)
        order_a.action_confirm()
        crawler = SalespersonCrawler(self.env, self.sales_b, self.dealer_a)
        self.assertFalse(crawler.crawl())
        own = SalespersonCrawler(self.env, self.sales_a, self.dealer_a)
        own.crawl()
        leaked = {finding.split(":")[0] for finding in own.findings}
        self.assertTrue({"sale.order", "stock.picking", "res.partner"} <= leaked, own.findings)

    def test_salesperson_never_reads_another_regions_dealers(self):
        started = time.monotonic()
        crawler = self._crawler()
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        # Discovered from ir.model.access and the partner fields, not listed in the crawler.
        self.assertLessEqual(EXPECTED_TARGETS, set(crawler.probed), EXPECTED_TARGETS - set(crawler.probed))
        self.assertLess(time.monotonic() - started, 60)

    def test_crawler_catches_a_removed_rule(self):
        self.env.ref("dealer_rebate.dealer_rebate_accrual_rule_dealer_user").active = False
        findings = self._crawler().crawl()
        self.assertEqual([f.split(":")[0] for f in findings], ["dealer.rebate.accrual"], findings)

    def test_crawler_catches_a_model_readable_without_a_rule(self):
        # A careless module grants salespeople a model that names dealers, with no record rule.
        model = self.env["ir.model"]._get("dealer.application.attempt")
        self.env["ir.model.access"].create(
            {
                "name": "planted leak",
                "model_id": model.id,
                "group_id": self.env.ref("dealer_base.group_dealer_user").id,
                "perm_read": True,
            }
        )
        attempt = self.env["dealer.application.attempt"].create(
            {"ip_address": "203.0.113.9", "partner_id": self.dealer_b.id}
        )
        crawler = self._crawler()
        findings = crawler.crawl()
        self.assertEqual(crawler.records_b["dealer.application.attempt"], attempt.ids)
        self.assertEqual([f.split(":")[0] for f in findings], ["dealer.application.attempt"], findings)
