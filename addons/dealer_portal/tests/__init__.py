from . import (
    test_catalog,
    test_checkout,
    test_order_rows,
    test_order_tour,
    test_portal_home,
    test_portal_security,
    test_review,
)
