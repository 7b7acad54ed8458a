"""The rebate panel of the dealer home and the rebates of the statement moved to the bridge
dealer_portal_rebate (auto_install). Odoo installs new auto_install modules only when one of their
dependencies is being installed, not on an upgrade: a database that has dealer_rebate gets the bridge
marked here, and the loading of this upgrade installs it (modules marked 'to install' while modules
are upgraded are loaded in the same run).

The portal pages of the channel inventory leave dealer_portal for the bridge dealer_portal_channel_inventory.

Their templates change module before dealer_portal loads its new code (so that the upgrade neither
validates them against dealer_portal nor deletes them at its end), and the bridge is marked to install
in the same upgrade, where it updates them in place.
"""

import logging

from odoo import SUPERUSER_ID, api

from odoo.addons.dealer_base.tools.migration import mark_bridge_to_install

BRIDGES = {"dealer_portal_rebate": ("dealer_portal", "dealer_rebate")}


def _mark_bridges_of_installed_modules(cr):
    for bridge, depends in BRIDGES.items():
        mark_bridge_to_install(cr, bridge, depends)


_logger = logging.getLogger(__name__)

BRIDGE = "dealer_portal_channel_inventory"
MOVED_RECORDS = ("portal_breadcrumbs_dealer_inventory", "portal_dealer_inventory", "portal_my_dealer_home_channel")


def _install_channel_inventory_bridge(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    bridge = env["ir.module.module"].search([("name", "=", BRIDGE)])
    if not bridge:
        _logger.warning("%s is not on the add-ons path: the portal's stock report pages are dropped", BRIDGE)
        return
    cr.execute(
        """
        UPDATE ir_model_data SET module = %s
         WHERE module = 'dealer_portal'
           AND ((model = 'ir.ui.view' AND name IN %s)
                OR (model = 'ir.model' AND name = 'model_dealer_stock_report'))
        """,
        (BRIDGE, MOVED_RECORDS),
    )
    _logger.info("%s external ids of dealer_portal handed over to %s", cr.rowcount, BRIDGE)
    if bridge.state == "uninstalled":
        # With dealer_channel_inventory, when stock_alerts hands the channel inventory over in this upgrade.
        bridge.button_install()


def migrate(cr, version):
    _mark_bridges_of_installed_modules(cr)
    _install_channel_inventory_bridge(cr, version)
