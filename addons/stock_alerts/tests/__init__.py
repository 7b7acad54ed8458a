from . import (
    test_allocation,
    test_availability,
    test_forecast,
    test_non_dealer,
    test_performance,
    test_safety_stock_alerts,
    test_security,
    test_stock_alerts_tour,
    test_transfer_suggestion,
)
