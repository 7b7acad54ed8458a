{
    "name": "Dealer Portal",
    "summary": "Dealers order online and serve themselves: catalog, quick order, Excel import, cart, review, "
    "tracking, statements, returns, onboarding",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": [
        "dealer_base",
        "dealer_pricing",
        "dealer_credit",
        "stock_alerts",
        "portal",
        "sale_management",
        "sale_stock",
        "sale_loyalty",
    ],
    "external_dependencies": {"python": ["openpyxl", "xlrd", "reportlab"]},
    "data": [
        "views/portal_templates.xml",
        "views/channel_inventory_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_portal/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
