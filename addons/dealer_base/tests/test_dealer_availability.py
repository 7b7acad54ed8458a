from odoo.tests import tagged

from odoo.addons.dealer_base.models.product_product import ProductProduct

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestDealerAvailability(DealerCase):
    def test_availability_is_unknown_without_a_stock_module(self):
        # The method of this module itself: a stock module installed alongside overrides it.
        products = self.product | self.env["product.product"].create({"name": "Test Teapot"})
        with self.assertQueryCount(0):
            availability = ProductProduct._dealer_availability(products, self.dealer_a)
        self.assertEqual(
            availability,
            {product.id: {"state": "unknown", "qty": None, "expected_date": False} for product in products},
        )

    def test_availability_of_no_product_is_empty(self):
        self.assertEqual(self.env["product.product"]._dealer_availability(self.dealer_a), {})
