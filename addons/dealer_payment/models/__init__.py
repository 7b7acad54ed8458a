from . import (
    account_move,
    payment_transaction,
    payment_transaction_order,
    res_config_settings_order,
    res_partner,
    sale_order,
)
