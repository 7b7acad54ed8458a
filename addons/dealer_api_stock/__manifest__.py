{
    "name": "Dealer API Stock",
    "summary": "Dealers' deliveries in the dealer API: the brand's systems push shipments and tracking numbers; "
    "order.shipped events and webhooks when an order ships",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_api", "dealer_stock"],
    "installable": True,
    "auto_install": True,
    "application": False,
}
