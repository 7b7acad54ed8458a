from . import sale_order_events, stock_picking
