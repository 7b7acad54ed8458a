from . import account_move, dealer_api_call_vat_numbers
