{
    "name": "Dealer Portal API",
    "summary": "Dealers' systems order through the dealer API as in the portal: the authorised catalog with "
    "the dealer's prices, price breaks and stock; orders, invoices, statement and returns",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_api", "dealer_portal"],
    "data": [
        "security/ir.model.access.csv",
        "views/dealer_api_key_views.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
