from odoo.addons.dealer_base.tests import non_dealer


class TestNonDealerAnalytics(non_dealer.NonDealerCase):
    """Odoo's users and a retail customer with channel_analytics installed."""

    allow_inherited_tests_method = True
