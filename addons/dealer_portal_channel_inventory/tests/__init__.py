from . import test_channel_inventory, test_inventory_replica
