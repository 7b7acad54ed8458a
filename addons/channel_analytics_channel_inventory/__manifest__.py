{
    "name": "Channel Analytics: Channel Inventory",
    "summary": "The stock held by the dealers on the channel dashboard: weeks of cover, dealers at risk, overstock",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["channel_analytics", "dealer_channel_inventory"],
    "assets": {
        "web.assets_backend": [
            "channel_analytics_channel_inventory/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "channel_analytics_channel_inventory/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
    "application": False,
}
