from . import non_dealer


class TestNonDealer(non_dealer.NonDealerCase):
    """Odoo's users and a retail customer with dealer_base installed."""

    allow_inherited_tests_method = True
