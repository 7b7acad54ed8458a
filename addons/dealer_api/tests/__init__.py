from . import (
    test_api_events,
    test_api_feed,
    test_api_feed_concurrency,
    test_api_frame,
    test_api_key,
    test_api_payments,
    test_api_payments_concurrency,
    test_api_webhook,
    test_api_webhook_endpoints,
    test_openapi,
)
