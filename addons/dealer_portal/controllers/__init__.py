from . import channel_inventory, portal
