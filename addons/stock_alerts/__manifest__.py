{
    "name": "Stock Alerts",
    "summary": "Safety stock alerts, replenishment and transfer suggestions, dealer availability, "
    "multi-warehouse order allocation",
    "version": "18.0.1.1.0",
    "category": "Inventory/Inventory",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_base", "dealer_stock", "stock", "sale_stock", "mail"],
    "data": [
        "security/stock_alerts_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/stock_region_warehouse_views.xml",
        "views/stock_warehouse_views.xml",
        "views/stock_safety_stock_views.xml",
        "views/stock_alert_views.xml",
        "views/stock_replenishment_suggestion_views.xml",
        "views/stock_transfer_suggestion_views.xml",
        "views/sale_order_views.xml",
        "views/stock_alerts_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "stock_alerts/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
