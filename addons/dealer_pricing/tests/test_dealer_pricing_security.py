from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerPricingCase


@tagged("post_install", "-at_install")
class TestDealerPricingSecurity(DealerPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.price_a = cls._price(cls.dealer_a, 80.0)
        cls.price_b = cls._price(cls.dealer_b, 70.0)

    def test_portal_dealer_reads_only_its_own_prices(self):
        Price = self.env["dealer.price"].with_user(self.portal_a)
        self.assertEqual(Price.search([]), self.price_a)
        self.assertEqual(self.price_a.with_user(self.portal_a).price, 80.0)
        with self.assertRaises(AccessError):
            self.price_b.with_user(self.portal_a).read(["price"])
        with self.assertRaises(AccessError):
            self.price_a.with_user(self.portal_a).write({"price": 1.0})
        with self.assertRaises(AccessError):
            Price.create({"dealer_id": self.dealer_a.id, "product_id": self.product.id, "price": 1.0})

    def test_portal_dealer_cannot_read_other_dealer_pricelist_rules(self):
        Item = self.env["product.pricelist.item"].with_user(self.portal_b)
        with self.assertRaises(AccessError):
            Item.search([("dealer_id", "=", self.dealer_a.id)])
        with self.assertRaises(AccessError):
            self.price_a.pricelist_item_id.with_user(self.portal_b).read(["fixed_price"])

    def test_salesperson_reads_only_its_dealers_prices(self):
        Price = self.env["dealer.price"].with_user(self.sales_a)
        self.assertEqual(Price.search([]) & (self.price_a | self.price_b), self.price_a)
        with self.assertRaises(AccessError):
            self.price_b.with_user(self.sales_a).read(["price"])
        with self.assertRaises(AccessError):
            self.price_b.with_user(self.sales_a).write({"price": 1.0})
        Item = self.env["product.pricelist.item"].with_user(self.sales_a)
        self.assertFalse(Item.search([("dealer_id", "=", self.dealer_b.id)]))
        self.assertTrue(Item.search([("dealer_id", "=", self.dealer_a.id)]))
        Pricelist = self.env["product.pricelist"].with_user(self.sales_a)
        own_lists = self.price_a.pricelist_item_id.pricelist_id
        other_lists = self.price_b.pricelist_item_id.pricelist_id
        self.assertEqual(Pricelist.search([("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)]), own_lists)
        with self.assertRaises(AccessError):
            other_lists.with_user(self.sales_a).read(["name"])
        History = self.env["dealer.price.history"].with_user(self.sales_a)
        self.assertEqual(History.search([]).dealer_id, self.dealer_a)
        # Its own dealer's prices it maintains.
        self.price_a.with_user(self.sales_a).price = 79.0
        self.assertEqual(self.price_a.pricelist_item_id.fixed_price, 79.0)

    def test_manager_reads_every_dealer_price(self):
        prices = self.env["dealer.price"].with_user(self.manager).search([])
        self.assertIn(self.price_a, prices)
        self.assertIn(self.price_b, prices)

    def test_salesperson_prices_its_dealer_order(self):
        order = (
            self.env["sale.order"]
            .with_user(self.sales_a)
            .create({"partner_id": self.dealer_a.id, "order_line": [(0, 0, {"product_id": self.product.id})]})
        )
        self.assertEqual(order.order_line.price_unit, 80.0)
        self.assertTrue(order.order_line.dealer_price_rule)
