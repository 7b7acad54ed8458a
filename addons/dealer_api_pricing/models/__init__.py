from . import dealer_api_call, dealer_price, dealer_price_history
