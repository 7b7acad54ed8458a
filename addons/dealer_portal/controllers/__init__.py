from . import home, order_input, portal, self_service
