from . import (
    account_payment,
    dealer_api_call,
    dealer_api_call_payments,
    dealer_api_key,
    dealer_api_scope,
    res_config_settings_payments,
)
