from . import (
    dealer_notice,
    dealer_order_change_request,
    dealer_region,
    product_product,
    product_template,
    res_config_settings,
    res_partner,
    sale_order,
    sale_order_line,
    stock_picking,
)
