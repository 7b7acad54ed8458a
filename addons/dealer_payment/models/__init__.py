from . import account_move, payment_transaction, res_partner, sale_order
from . import payment_transaction_order
from . import res_config_settings_order
