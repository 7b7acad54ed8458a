{
    "name": "Dealer Portal: Channel Inventory",
    "summary": "Dealers report their stock and sell-out in the portal and put their suggested orders in the cart",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_portal", "dealer_channel_inventory"],
    "data": [
        "views/channel_inventory_templates.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "dealer_portal_channel_inventory/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
    "installable": True,
    "application": False,
}
