{
    "name": "Dealer Portal Rebates",
    "summary": "Rebates in the dealer portal: progress on the dealer home, rebate credit notes in statements",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_portal", "dealer_rebate"],
    "data": [
        "views/portal_templates.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
