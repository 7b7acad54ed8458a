from . import (
    test_channel_concurrency,
    test_channel_math,
    test_channel_security,
    test_channel_stock,
    test_dealer_api,
    test_stock_report,
)
