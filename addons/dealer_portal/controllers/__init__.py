from . import order_input, portal
