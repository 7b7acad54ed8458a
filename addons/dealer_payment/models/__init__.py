from . import account_move, payment_transaction, res_partner, sale_order
