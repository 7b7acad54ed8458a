from odoo.addons.dealer_stock.tests import non_dealer_stock


class TestNonDealerAnalytics(non_dealer_stock.NonDealerStockCase):
    """Odoo's users and a retail customer with channel_analytics installed."""

    allow_inherited_tests_method = True
