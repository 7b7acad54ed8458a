from . import dealer_api_call_shipments, sale_order_events, stock_picking
