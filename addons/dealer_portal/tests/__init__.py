from . import test_order_import, test_order_input_portal, test_order_rows, test_portal_home, test_quick_order
