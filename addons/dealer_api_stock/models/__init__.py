from . import dealer_api_call_shipments
