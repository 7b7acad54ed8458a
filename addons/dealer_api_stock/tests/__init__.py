from . import test_api_shipments
