from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DealerPricingCase


@tagged("post_install", "-at_install")
class TestDealerAssortment(DealerPricingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["dealer.assortment.rule"]
        cls.Rule.create({"level_id": cls.level_gold.id, "rule_type": "exclude", "categ_id": cls.categ_parts.id})

    def test_level_exclusion_blocks_the_order_line_with_the_product_name(self):
        with self.assertRaisesRegex(ValidationError, "Test Lid"):
            self._sale(self.dealer_a, [(self.product_part, 1)])
        order = self._sale(self.dealer_a, [(self.product, 1)])
        with self.assertRaisesRegex(ValidationError, "not authorised to buy: .*Test Lid"):
            order.order_line.product_id = self.product_part

    def test_dealer_rule_overrides_its_level(self):
        self.Rule.create({"dealer_id": self.dealer_a.id, "rule_type": "include", "product_id": self.product_part.id})
        order = self._sale(self.dealer_a, [(self.product_part, 1)])
        self.assertEqual(order.order_line.product_id, self.product_part)
        # Dealer B, same level, is still excluded, also when the quotation moves to it.
        with self.assertRaises(ValidationError):
            self._sale(self.dealer_b, [(self.product_part, 1)])
        with self.assertRaisesRegex(ValidationError, "Test Lid"):
            order.partner_id = self.dealer_b

    def test_include_rules_make_a_whitelist(self):
        self.Rule.create({"dealer_id": self.dealer_b.id, "rule_type": "include", "product_id": self.product.id})
        other = self.env["product.product"].create({"name": "Test Fan", "list_price": 50.0})
        self.assertTrue(self.dealer_b._dealer_check_authorised(self.product))
        with self.assertRaisesRegex(ValidationError, "Test Fan"):
            self.dealer_b._dealer_check_authorised(self.product | other)
        # Contacts of the dealer are checked against their dealer's assortment.
        self.assertEqual(self.portal_b.partner_id._dealer_get_unauthorised(self.product | other), other)

    def test_non_dealer_customers_are_not_restricted(self):
        customer = self.env["res.partner"].create({"name": "Walk-in"})
        self.assertFalse(customer._dealer_get_unauthorised(self.product_part))

    def test_rule_names_either_level_or_dealer(self):
        with self.assertRaises(ValidationError):
            self.Rule.create({"rule_type": "exclude", "product_id": self.product.id})
        with self.assertRaises(ValidationError):
            self.Rule.create({"dealer_id": self.dealer_a.id, "rule_type": "exclude"})

    def test_assortment_check_cost_does_not_grow_with_products(self):
        sub_categ = self.env["product.category"].create({"name": "Test Hinges", "parent_id": self.categ_parts.id})
        categs = [self.categ_parts, sub_categ, self.product.categ_id]
        products = self.env["product.product"].create(
            [{"name": f"Test Item {i:02d}", "categ_id": categs[i % 3].id} for i in range(50)]
        )
        # The level excludes Test Parts (setUpClass); dealer A's include rules make a whitelist:
        # the sub-category and one product of Test Parts, nothing else.
        self.Rule.create({"dealer_id": self.dealer_a.id, "rule_type": "include", "categ_id": sub_categ.id})
        self.Rule.create({"dealer_id": self.dealer_a.id, "rule_type": "include", "product_id": products[0].id})
        partner = self.portal_a.partner_id
        expected = products.filtered(lambda p: p.categ_id != sub_categ) - products[0]

        def count(products):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            refused = partner._dealer_get_unauthorised(products)
            return self.env.cr.sql_log_count - before, refused

        small, large = count(products[:10]), count(products)
        self.assertEqual(small[1], expected & products[:10])
        self.assertEqual(large[1], expected)
        self.assertEqual(small[0], large[0], "checking 50 products costs the queries of 10")
        self.env.invalidate_all()
        with self.assertQueryCount(small[0]):
            partner._dealer_get_unauthorised(products)
