from . import (
    account_move_events,
    account_move_line_events,
    account_payment_events,
    dealer_api_call,
    dealer_api_event,
    dealer_api_feed,
    dealer_api_key,
    dealer_api_scope,
    dealer_api_webhook,
    dealer_api_webhook_delivery,
    sale_order_events,
)
