from . import dealer_api_key_generate
