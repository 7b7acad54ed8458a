from . import (
    test_order_rows,
    test_portal_home,
    test_self_onboarding,
    test_self_returns,
    test_self_roles,
    test_self_statement,
)
