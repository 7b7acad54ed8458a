from . import (
    test_allocation,
    test_availability,
    test_channel_math,
    test_channel_security,
    test_channel_stock,
    test_dealer_api,
    test_forecast,
    test_performance,
    test_safety_stock_alerts,
    test_security,
    test_stock_report,
    test_transfer_suggestion,
)
