from . import dealer_order_import, sale_order_dealer_review
