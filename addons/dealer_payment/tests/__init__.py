from . import (
    test_notification_guard,
    test_topup,
    test_topup_concurrency,
    test_topup_portal,
)
