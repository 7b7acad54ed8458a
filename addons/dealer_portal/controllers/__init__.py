from . import channel_inventory, order_input, portal, self_service
