{
    "name": "Dealer Channel Inventory",
    "summary": "Dealers report their stock and sell-out (portal, spreadsheet, JSON API with keys): channel stock, "
    "weeks of cover, suggested orders, cover alerts and reporting compliance",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_base", "dealer_api", "sale_stock", "product_expiry", "mail"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/dealer_channel_inventory_security.xml",
        "security/ir.model.access.csv",
        "data/channel_inventory_data.xml",
        "views/dealer_stock_report_views.xml",
        "views/dealer_channel_stock_views.xml",
        "views/channel_inventory_config_views.xml",
        "views/dealer_channel_inventory_menus.xml",
    ],
    "demo": [
        "demo/channel_inventory_demo.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "installable": True,
    "application": False,
}
