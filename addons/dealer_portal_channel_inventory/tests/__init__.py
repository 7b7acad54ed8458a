from . import test_channel_inventory
