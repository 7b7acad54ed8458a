from datetime import date

from odoo import Command
from odoo.tests import tagged
from odoo.tools import float_round

from .common import DealerPricingCase


@tagged("post_install", "-at_install")
class TestDealerCatalogPricing(DealerPricingCase):
    """Pricing many products at once (a catalog page) gives each product the price of its
    order line, and costs the same queries for 10 products as for 50."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]
        cls.catalog = Product.create(
            [
                {
                    "name": f"Catalog {i:02d}",
                    "default_code": f"T-C{i:02d}",
                    "list_price": 50.0 + 7 * i,
                    "categ_id": (cls.categ_parts if i % 5 == 0 else cls.product.categ_id).id,
                    "taxes_id": [Command.clear()],
                }
                for i in range(50)
            ]
        )
        # Every kind of rule: agreed prices (plain, quantity break, past and current validity),
        # the level's fixed prices per product, a category discount and a quantity break.
        cls.plain_price, cls.break_product, cls.dated_product = cls.catalog[1], cls.catalog[2], cls.catalog[3]
        cls._price(cls.dealer_a, 42.0, product=cls.plain_price)
        cls._price(cls.dealer_a, 40.0, product=cls.break_product)
        cls._price(cls.dealer_a, 35.0, product=cls.break_product, min_quantity=10)
        cls._price(cls.dealer_a, 30.0, product=cls.dated_product, date_end=date(2026, 2, 28))
        cls._price(cls.dealer_a, 33.0, product=cls.dated_product, date_start=date(2026, 3, 1))
        cls.level_fixed, cls.level_template = cls.catalog[4], cls.catalog[7]
        cls.pricelist_gold.item_ids = [
            Command.create(
                {
                    "applied_on": "1_product",
                    "product_tmpl_id": cls.level_template.product_tmpl_id.id,
                    "compute_price": "fixed",
                    "fixed_price": 66.6,
                    "min_quantity": 10,
                }
            ),
            Command.create(
                {
                    "applied_on": "0_product_variant",
                    "product_id": cls.level_fixed.id,
                    "compute_price": "fixed",
                    "fixed_price": 55.5,
                }
            ),
            Command.create(
                {
                    "applied_on": "2_product_category",
                    "categ_id": cls.categ_parts.id,
                    "compute_price": "percentage",
                    "percent_price": 20,
                }
            ),
        ]
        cls.dealer_c = cls._create_dealer("TC01", "Dealer C Trading", cls.sales_a, dealer_level_id=cls.level_plain.id)
        cls.when = cls._utc("2026-03-15 04:00:00")

    def _catalog_prices(self, dealer, products, quantity):
        return dealer.dealer_pricelist_id._get_products_price(products, quantity, date=self.when)

    def _assert_same_as_order_lines(self, dealer, quantity):
        products = self.catalog
        prices = self._catalog_prices(dealer, products, quantity)
        self.assertEqual(sorted(prices), sorted(products.ids))
        pricelist = dealer.dealer_pricelist_id
        digits = self.env["decimal.precision"].precision_get("Product Price")
        order = self._sale(dealer, [(product, quantity) for product in products], date_order=self.when)
        for product, line in zip(products, order.order_line, strict=True):
            # Odoo's own computation, one product at a time, and the (rounded) price of the order line.
            alone = pricelist._get_product_price(product, quantity, date=self.when)
            self.assertEqual(prices[product.id], alone, product.name)
            self.assertEqual(float_round(prices[product.id], precision_digits=digits), line.price_unit, product.name)
        return prices

    def test_catalog_prices_equal_order_line_prices_for_every_rule(self):
        expected = {
            # product: (price of 1 unit, price of 10 units, price of 100 units)
            self.plain_price: (42.0, 42.0, 42.0),
            self.break_product: (40.0, 35.0, 35.0),
            self.dated_product: (33.0, 33.0, 33.0),
            self.level_fixed: (55.5, 55.5, 55.5),
            self.level_template: (87.12, 66.6, 66.6),  # list price 99 -12% below 10 units
            self.catalog[0]: (40.0, 40.0, 40.0),  # Test Parts: level price list -20%
            self.catalog[6]: (80.96, 80.96, 79.12),  # level price list -12%, -14% from 100 units
        }
        for column, quantity in enumerate((1, 10, 100)):
            prices = self._assert_same_as_order_lines(self.dealer_a, quantity)
            for product, by_quantity in expected.items():
                self.assertAlmostEqual(prices[product.id], by_quantity[column], places=2, msg=product.name)

    def test_catalog_prices_follow_the_validity_window(self):
        before = self.dealer_a.dealer_pricelist_id._get_products_price(
            self.catalog, 1.0, date=self._utc("2026-02-27 04:00:00")
        )
        self.assertEqual(before[self.dated_product.id], 30.0)
        self.assertEqual(self._catalog_prices(self.dealer_a, self.catalog, 1.0)[self.dated_product.id], 33.0)

    def test_catalog_of_a_level_without_price_list_is_at_list_price(self):
        prices = self._assert_same_as_order_lines(self.dealer_c, 1)
        self.assertEqual(prices, {product.id: product.list_price for product in self.catalog})

    def test_catalog_of_a_dealer_without_agreed_prices_is_at_its_level_price(self):
        # Its price list holds only the rule falling back to the level's price list.
        dealer = self._create_dealer(
            "TC02", "Dealer D Trading", self.sales_a, dealer_level_id=self.dealer_a.dealer_level_id.id
        )
        prices = self._assert_same_as_order_lines(dealer, 1)
        self.assertAlmostEqual(prices[self.level_fixed.id], 55.5, places=2)
        self.assertAlmostEqual(prices[self.plain_price.id], 50.16, places=2)  # list price 57 -12%
        self.assertAlmostEqual(prices[self.catalog[6].id], 80.96, places=2)

    def _fallback_rule(self, dealer):
        return dealer.dealer_pricelist_id.item_ids.filtered(
            lambda item: item.applied_on == "3_global" and not item.dealer_price_id
        )

    def test_catalog_prices_through_a_level_price_list_in_another_currency(self):
        other = (
            self.env["res.currency"]
            .with_context(active_test=False)
            .search([("id", "!=", self.env.company.currency_id.id)], limit=1)
        )
        other.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": other.id, "name": "2026-01-01", "rate": other.rate * 0.14 or 0.14}
        )
        self.pricelist_gold.currency_id = other
        prices = self._assert_same_as_order_lines(self.dealer_a, 1)
        self.assertEqual(prices[self.plain_price.id], 42.0, "an agreed price is in the dealer's currency")
        level_price = self.pricelist_gold._get_product_price(self.catalog[6], 1, date=self.when)
        converted = other._convert(level_price, self.env.company.currency_id, self.env.company, self.when, round=False)
        self.assertAlmostEqual(prices[self.catalog[6].id], converted, places=6)
        self.assertNotAlmostEqual(prices[self.catalog[6].id], level_price, places=2)

    def test_catalog_prices_when_the_fallback_rule_is_changed(self):
        fallback = self._fallback_rule(self.dealer_a)
        self.assertEqual(len(fallback), 1)
        # From 5 units only: below, the level's prices do not apply and the list price does.
        fallback.min_quantity = 5
        prices = self._assert_same_as_order_lines(self.dealer_a, 1)
        self.assertEqual(prices[self.catalog[6].id], self.catalog[6].list_price)
        prices = self._assert_same_as_order_lines(self.dealer_a, 10)
        self.assertAlmostEqual(prices[self.catalog[6].id], 80.96, places=2)
        # A discount on top of the level's price.
        fallback.write({"min_quantity": 0, "price_discount": 5})
        prices = self._assert_same_as_order_lines(self.dealer_a, 1)
        self.assertAlmostEqual(prices[self.catalog[6].id], 80.96 * 0.95, places=2)

    def test_catalog_of_product_templates_has_the_variant_prices(self):
        pricelist = self.dealer_a.dealer_pricelist_id
        by_template = pricelist._get_products_price(self.catalog.product_tmpl_id, 10.0, date=self.when)
        by_variant = self._catalog_prices(self.dealer_a, self.catalog, 10.0)
        self.assertEqual(by_template, {product.product_tmpl_id.id: by_variant[product.id] for product in self.catalog})

    def test_catalog_pricing_cost_does_not_grow_with_products(self):
        pricelist = self.dealer_a.dealer_pricelist_id
        plain = self.env["product.pricelist"].create(
            {
                "name": "Test plain -12%",
                "item_ids": [
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 12})
                ],
            }
        )

        def count(pricelist, products):
            pricelist._get_products_price(products, 1.0, date=self.when)  # warm Odoo's caches
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            pricelist._get_products_price(products, 1.0, date=self.when)
            return self.env.cr.sql_log_count - before

        small, large = self.catalog[:10], self.catalog
        counts = (count(pricelist, small), count(pricelist, large))
        self.assertEqual(counts[0], counts[1], "pricing 50 products costs the queries of 10")
        # The dealer's chain of price lists (agreed prices, then the level's) costs a few
        # queries more than one plain price list, whatever the number of products.
        self.assertLessEqual(counts[1], count(plain, large) + 3)
        for products in (small, large):
            self.env.invalidate_all()
            with self.assertQueryCount(counts[0]):
                pricelist._get_products_price(products, 1.0, date=self.when)
