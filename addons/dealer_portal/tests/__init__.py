from . import test_order_rows, test_portal_home
