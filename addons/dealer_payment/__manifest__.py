{
    "name": "Dealer Online Payment",
    "summary": "Dealers pay orders and invoices and top up their deposit online, through Odoo's payment providers",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_portal", "dealer_credit", "account_payment", "payment_custom"],
    "data": [
        "views/portal_templates.xml",
        "views/portal_topup_templates.xml",
        "views/res_config_settings_order_views.xml",
        "views/payment_transaction_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_payment/static/tests/tours/dealer_payment_order_tour.js",
            "dealer_payment/static/tests/tours/dealer_payment_topup_tour.js",
        ],
    },
    "installable": True,
    "application": False,
}
