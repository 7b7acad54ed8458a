from . import (
    channel_inventory_demo,
    dealer_api_call,
    dealer_channel_stock,
    dealer_cover_alert,
    dealer_level,
    dealer_report_compliance,
    dealer_stock_report,
    dealer_stock_report_line,
    res_partner,
)
