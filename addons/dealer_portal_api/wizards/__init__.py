from . import dealer_api_key_acting_user
