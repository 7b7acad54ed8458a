from . import (
    dealer_assortment_rule,
    dealer_level,
    dealer_price,
    dealer_price_history,
    product_pricelist,
    product_pricelist_item,
    res_partner,
    sale_order,
    sale_order_line,
)
