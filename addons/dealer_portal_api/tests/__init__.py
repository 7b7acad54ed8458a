from . import test_api_catalog, test_held_events
