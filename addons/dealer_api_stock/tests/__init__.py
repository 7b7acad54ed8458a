from . import test_shipped_events
