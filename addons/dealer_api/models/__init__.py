from . import dealer_api_call, dealer_api_key, dealer_api_scope
