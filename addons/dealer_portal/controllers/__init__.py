from . import order_input, portal, self_service
