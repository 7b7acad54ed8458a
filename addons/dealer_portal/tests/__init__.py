from . import (
    test_order_rows,
    test_portal_home,
    test_self_cross_dealer,
    test_self_deposit_concurrency,
    test_self_invoices,
    test_self_onboarding,
    test_self_returns,
    test_self_roles,
    test_self_statement,
    test_self_sub_dealers,
)
