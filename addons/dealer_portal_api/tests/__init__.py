from . import test_api_catalog, test_api_orders, test_api_orders_http, test_api_orders_parallel, test_held_events
