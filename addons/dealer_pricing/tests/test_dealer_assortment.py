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
