from . import test_channel_inventory, test_order_rows, test_portal_home
