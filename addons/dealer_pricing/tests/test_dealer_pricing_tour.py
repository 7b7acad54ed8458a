from odoo.tests import HttpCase, tagged

from .common import DealerPricingCase


@tagged("post_install", "-at_install")
class TestDealerPricingTour(HttpCase, DealerPricingCase):
    def test_outdated_quotation_is_refreshed_from_the_form(self):
        """A quotation priced before the dealer's price changed shows the banner; Refresh Prices reprices it."""
        price = self._price(self.dealer_a, 80.0)
        order = self._sale(self.dealer_a, [(self.product, 1)])
        price.price = 78.0
        self.assertEqual(order.order_line.price_unit, 80.0)
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "dealer_pricing_refresh_prices_tour",
            login="admin",
            timeout=120,
        )
        self.assertEqual(order.order_line.price_unit, 78.0)
        self.assertIn("78", order.order_line.dealer_price_rule)
