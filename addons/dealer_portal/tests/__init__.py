from . import (
    test_order_rows,
    test_portal_home,
    test_self_onboarding,
)
