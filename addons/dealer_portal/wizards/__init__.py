from . import sale_order_dealer_review
