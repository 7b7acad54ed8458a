from . import dealer_order_import
