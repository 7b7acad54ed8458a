{
    "name": "Channel Analytics",
    "summary": "Channel dashboard on a maintained sales summary, dealer scorecards, early warnings on slipping dealers",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_base", "sale", "account", "stock"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/channel_analytics_security.xml",
        "security/ir.model.access.csv",
        "data/channel_analytics_cron.xml",
        "views/channel_sale_summary_views.xml",
        "views/channel_warning_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/channel_analytics_menus.xml",
    ],
    "demo": [
        "demo/channel_analytics_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "channel_analytics/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "channel_analytics/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
