{
    "name": "Dealer API Invoice Requests",
    "summary": "The brand's systems push the numbers of the VAT invoices (发票号) issued for dealers' invoices "
    "through the dealer API",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_api", "dealer_invoice_request"],
    "data": [
        "data/dealer_api_scope_data.xml",
        "views/account_move_views.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
