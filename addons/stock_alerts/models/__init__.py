from . import (
    dealer_region,
    product_product,
    sale_order,
    sale_order_line,
    stock_alert,
    stock_region_warehouse,
    stock_replenishment_suggestion,
    stock_safety_stock,
    stock_transfer_suggestion,
    stock_warehouse,
)
