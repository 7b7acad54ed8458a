{
    "name": "Dealer Online Payment: AsiaPay",
    "summary": "Bridge: dealers' AsiaPay notifications are checked against their transaction's reference, amount "
    "and currency",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_payment", "payment_asiapay"],
    "installable": True,
    "auto_install": True,
    "application": False,
}
