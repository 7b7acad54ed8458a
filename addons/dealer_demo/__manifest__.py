{
    "name": "Dealer Platform Demo",
    "summary": "The demo brand's story across the add-ons: a brand, its warehouses and products, six dealers "
    "and a year of orders, invoices and payments",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": [
        "l10n_cn",
        "dealer_base",
        "dealer_stock",
        "dealer_pricing",
        "dealer_credit",
        "dealer_rebate",
        "stock_alerts",
        "dealer_channel_inventory",
        "dealer_portal",
        "channel_analytics",
    ],
    "demo": [
        "demo/dealer_demo.xml",
    ],
    "installable": True,
    "application": False,
}
