from . import channel_inventory
