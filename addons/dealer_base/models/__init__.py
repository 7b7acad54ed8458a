from . import (
    dealer_job,
    dealer_level,
    dealer_region,
    ir_http,
    product_product,
    res_config_settings,
    res_partner,
    sale_order,
)
