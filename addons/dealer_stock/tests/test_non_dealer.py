from . import non_dealer_stock


class TestNonDealerStock(non_dealer_stock.NonDealerStockCase):
    """Odoo's users and a retail customer with dealer_stock installed."""

    allow_inherited_tests_method = True
