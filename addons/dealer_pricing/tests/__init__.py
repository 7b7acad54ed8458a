from . import (
    test_dealer_assortment,
    test_dealer_price_import,
    test_dealer_pricing,
    test_dealer_pricing_security,
    test_dealer_pricing_tour,
    test_non_dealer,
)
