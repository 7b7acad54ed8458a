from . import test_api_shipments, test_shipped_events
