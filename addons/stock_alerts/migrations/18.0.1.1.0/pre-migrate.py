"""The dealers' channel inventory leaves stock_alerts for its own module, dealer_channel_inventory.

dealer_channel_inventory is marked to install in this upgrade (with the bridges that glue it to the
portal and the dashboard); its pre_init_hook hands the records stock_alerts created over to it before
it loads its data, whichever of the two the upgrade loads first (see dealer_channel_inventory/hooks.py).
"""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

NEW_MODULE = "dealer_channel_inventory"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    new_module = env["ir.module.module"].search([("name", "=", NEW_MODULE)])
    if not new_module:
        _logger.warning("%s is not on the add-ons path: the channel inventory stays unowned", NEW_MODULE)
        return
    if new_module.state == "uninstalled":
        # Installed in this same upgrade, after the modules being upgraded; the auto_install bridges of
        # the modules already installed (portal, dashboard) follow.
        new_module.button_install()
