from . import dealer_api_call, sale_order_events
