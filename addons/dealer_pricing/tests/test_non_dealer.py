from unittest.mock import patch

from odoo import Command

from odoo.addons.dealer_base.tests import non_dealer


class TestNonDealerPricing(non_dealer.NonDealerCase):
    """Odoo's users and a retail customer with dealer_pricing installed: price lists that are
    neither a dealer's nor a level's are priced by Odoo's own code."""

    allow_inherited_tests_method = True

    def test_retail_price_list_is_priced_by_odoo_without_the_dealer_batch(self):
        retail = self.env["product.pricelist"].create(
            {
                "name": "Retail -10%",
                "item_ids": [
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 10})
                ],
            }
        )
        self.customer.property_product_pricelist = retail
        bulb = self.env["product.product"].create({"name": "Bulb", "list_price": 30.0})
        products = self.goods | bulb
        self.assertFalse(retail.is_dealer_pricelist)
        Pricelist = type(retail)
        with patch.object(Pricelist, "_dealer_split_named_products", side_effect=AssertionError("dealer batch")):
            prices = retail._compute_price_rule(products, 1.0)
            order = self._sell_as_salesman(self.customer, qty=3.0)
        self.assertEqual(prices, non_dealer.OdooPricelist._compute_price_rule(retail, products, 1.0))
        self.assertEqual(prices[self.goods.id][0], 72.0)
        self.assertEqual(order.order_line.price_unit, self._odoo_price(retail, self.goods, 3.0))

    def test_dealer_and_level_price_lists_are_dealer_price_lists(self):
        level_pricelist = self.env["product.pricelist"].create({"name": "Gold Level"})
        self.assertFalse(level_pricelist.is_dealer_pricelist)
        self.level_gold.pricelist_id = level_pricelist
        self.assertTrue(level_pricelist.is_dealer_pricelist)
        self.assertTrue(self.dealer_a.dealer_pricelist_id.is_dealer_pricelist)
