from . import (
    account_analytic_distribution_model,
    order_input,
    product_template,
    res_partner,
    sale_order,
    sale_order_line,
    sale_order_quick_order,
)
