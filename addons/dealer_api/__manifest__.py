{
    "name": "Dealer API",
    "summary": "The versioned JSON API of the dealer platform (/dealer_api/v1): API keys for dealers' systems "
    "and the brand's, scopes, rate limit, call log, idempotent writes, the change feed, signed webhooks and "
    "its OpenAPI document",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_base"],
    "data": [
        "security/ir.model.access.csv",
        "security/dealer_api_webhook_security.xml",
        "data/dealer_api_scope_data.xml",
        "data/dealer_api_scope_payments_data.xml",
        "data/dealer_api_webhook_cron.xml",
        "views/dealer_api_key_views.xml",
        "views/dealer_api_payment_views.xml",
        "views/dealer_api_webhook_views.xml",
        "views/dealer_api_menus.xml",
    ],
    "pre_init_hook": "pre_init_hook",
    "installable": True,
    "application": False,
}
