{
    "name": "Channel Analytics Rebates",
    "summary": "The rebate accrued by each dealer on its channel scorecard",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["channel_analytics", "dealer_rebate"],
    "data": [
        "views/res_partner_views.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
