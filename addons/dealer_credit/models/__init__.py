from . import (
    account_payment,
    dealer_deposit_move,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
)
