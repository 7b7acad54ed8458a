from odoo.tests import tagged

from .common import StockAlertsCase


@tagged("post_install", "-at_install")
class TestPerformance(StockAlertsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.products = cls.env["product.product"].create(
            [{"name": f"Bulk Kettle {n}", "type": "consu", "is_storable": True} for n in range(100)]
        )
        for product in cls.products:
            cls._set_stock(product, cls.w2, 100)
        rules = []
        for product in cls.products:
            for warehouse in (cls.w1, cls.w2, cls.w3):
                rules.append({"product_id": product.id, "warehouse_id": warehouse.id, "manual_qty": 20})
        cls.env["stock.safety.stock"].create(rules)

    def _count_queries(self, products):
        rules = self.env["stock.safety.stock"].search([("product_id", "in", products.ids)])
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        rules._get_stock_status()
        self.env["stock.transfer.suggestion"]._compute_transfers(rules)
        products._dealer_availability(self.dealer_a)
        return self.env.cr.sql_log_count - before

    def _count_generation(self, products):
        rules = self.env["stock.safety.stock"].search([("product_id", "in", products.ids)])
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        savepoint = self.env.cr.savepoint(flush=False)
        self.env["stock.alert"]._generate_alerts(rules)
        self.env["stock.replenishment.suggestion"]._generate(rules)
        self.env["stock.transfer.suggestion"]._generate(rules)
        self.env.flush_all()
        count = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        savepoint.close(rollback=True)
        return count

    def test_computing_status_costs_the_same_queries_for_10_or_100_products(self):
        self._count_queries(self.products[:1])  # warm the registry caches (config parameters, rules)
        self.assertEqual(self._count_queries(self.products[:10]), self._count_queries(self.products))

    def test_generating_alerts_and_suggestions_costs_the_same_queries_for_10_or_100_products(self):
        self._count_generation(self.products[:1])  # warm the registry caches
        small = self._count_generation(self.products[:10])
        # Only the ORM's batching grows: it writes at most 100 rows per INSERT/UPDATE, so 300 alerts,
        # activities, followers and suggestions take two more statements per table than 30 do.
        self.assertLessEqual(self._count_generation(self.products) - small, 12)
