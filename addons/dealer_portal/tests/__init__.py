from . import test_catalog, test_order_rows, test_portal_home
