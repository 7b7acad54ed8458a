from . import (
    dealer_api_call,
    dealer_api_call_accounting,
    dealer_api_call_orders,
    dealer_api_call_returns,
    dealer_api_key,
    sale_order,
    sale_order_events,
)
