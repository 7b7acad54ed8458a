{
    "name": "Dealer Stock",
    "summary": "Dealers' deliveries and stock moves are as confidential as their orders: salespeople see their own",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_base", "sale_stock"],
    "data": [
        "security/dealer_stock_security.xml",
        "views/stock_picking_views.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
