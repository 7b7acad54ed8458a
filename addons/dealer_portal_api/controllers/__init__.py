from . import api, orders
