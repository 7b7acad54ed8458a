from odoo import Command
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
        # Dealer B buys at another level than dealer A (Gold), with its own level price list.
        cls.pricelist_silver = cls.env["product.pricelist"].create(
            {
                "name": "Test Silver",
                "company_id": False,
                "item_ids": [
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 8})
                ],
            }
        )
        cls.level_plain.pricelist_id = cls.pricelist_silver
        cls.dealer_b.dealer_level_id = cls.level_plain
        cls.pricelist_shop = cls.env["product.pricelist"].create(
            {
                "name": "Test Shop",
                "company_id": False,
                "item_ids": [
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 5})
                ],
            }
        )

    @staticmethod
    def _price_fields(records):
        return ["fixed_price", "percent_price"] if records._name == "product.pricelist.item" else ["name"]

    def _readable(self, user, records):
        """The records among ``records`` that ``user`` finds with search_read (none without access)."""
        Model = records.env[records._name].with_user(user)
        try:
            rows = Model.search_read([("id", "in", records.ids)], self._price_fields(records))
        except AccessError:
            return records.browse()
        return records.browse([row["id"] for row in rows])

    def _assert_confidential(self, user, pricelists):
        """``user`` neither finds nor reads ``pricelists`` and their rules, nor prices with them."""
        for records in (pricelists, pricelists.item_ids):
            self.assertFalse(self._readable(user, records))
            for record in records:
                with self.assertRaises(AccessError):
                    record.with_user(user).read(self._price_fields(records))
        for pricelist in pricelists:
            with self.assertRaises(AccessError):
                pricelist.with_user(user)._get_product_price(self.product, 1.0)

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
        # Odoo gives portal users no price list, an online shop gives them every one: either
        # way, another dealer's negotiated price list and its level's stay out of reach.
        pricelist_a = self.dealer_a.dealer_pricelist_id
        self.assertEqual(self.price_a.pricelist_item_id.pricelist_id, pricelist_a)
        self._assert_confidential(self.portal_b, pricelist_a | self.pricelist_gold)
        self._assert_confidential(self.portal_a, self.dealer_b.dealer_pricelist_id | self.pricelist_silver)
        Item = self.env["product.pricelist.item"].with_user(self.portal_b)
        try:
            found = Item.search([("dealer_id", "=", self.dealer_a.id)])
        except AccessError:
            found = Item.browse()
        self.assertFalse(found)
        with self.assertRaises(AccessError):
            self.price_a.pricelist_item_id.with_user(self.portal_b).read(["fixed_price"])
        with self.assertRaises(AccessError):
            self.price_b.with_user(self.portal_a).read(["price"])

    def test_public_user_cannot_read_dealer_pricelists(self):
        public = self.env.ref("base.public_user")
        pricelists = (
            self.dealer_a.dealer_pricelist_id
            | self.dealer_b.dealer_pricelist_id
            | self.pricelist_gold
            | self.pricelist_silver
        )
        self._assert_confidential(public, pricelists)
        with self.assertRaises(AccessError):
            self.price_a.with_user(public).read(["price"])

    def test_portal_and_public_read_other_pricelists_as_odoo_grants(self):
        # A price list that is neither a dealer's nor a level's (a shop's) keeps Odoo's visibility:
        # readable exactly when Odoo's access rights grant it (an online shop does).
        public = self.env.ref("base.public_user")
        for user in (self.portal_a, self.portal_b, public):
            for records in (self.pricelist_shop, self.pricelist_shop.item_ids):
                granted = self.env[records._name].with_user(user).has_access("read")
                self.assertEqual(self._readable(user, records), records if granted else records.browse())

    def test_portal_dealer_reads_its_own_pricelists_where_granted(self):
        # Where portal users may read price lists (an online shop), a dealer reads its own
        # price list and its level's: it is priced with them.
        for user, pricelists in (
            (self.portal_a, self.dealer_a.dealer_pricelist_id | self.pricelist_gold),
            (self.portal_b, self.dealer_b.dealer_pricelist_id | self.pricelist_silver),
        ):
            granted = self.env["product.pricelist.item"].with_user(user).has_access("read")
            for records in (pricelists, pricelists.item_ids):
                self.assertEqual(self._readable(user, records), records if granted else records.browse())

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
