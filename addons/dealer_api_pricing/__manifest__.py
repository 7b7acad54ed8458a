{
    "name": "Dealer API Pricing",
    "summary": "The brand's systems upsert dealer prices in bulk through the dealer API, with the rules "
    "of the spreadsheet import, all or nothing",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_api", "dealer_pricing"],
    "data": [
        "views/dealer_price_history_views.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
