{
    "name": "Dealer Base",
    "summary": "Dealer master data: codes, levels, sales regions, hierarchy, salesperson and the dealer lifecycle",
    "version": "18.0.1.1.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["sale_management", "portal"],
    "data": [
        "security/dealer_base_security.xml",
        "security/ir.model.access.csv",
        "data/dealer_level_data.xml",
        "data/dealer_job_data.xml",
        "views/dealer_level_views.xml",
        "views/dealer_region_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/res_partner_dealer_state_views.xml",
        "views/dealer_job_views.xml",
        "views/dealer_base_menus.xml",
    ],
    "demo": [
        "demo/dealer_base_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "dealer_base/static/src/waiting_steps/*",
        ],
        "web.assets_tests": [
            "dealer_base/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
