"""The rebate amount of the dealer scorecard moved to the bridge channel_analytics_rebate, the credit
holds of the dashboard to channel_analytics_credit (both auto_install). Odoo installs new auto_install
modules only when one of their dependencies is being installed, not on an upgrade: a database that
has the other module gets the bridge marked here, and the loading of this upgrade installs it
(modules marked 'to install' while modules are upgraded are loaded in the same run).

The scorecard's rebate field keeps its ir.model.fields row (and its translations) by passing its
external id to the bridge.

The channel stock panel of the dashboard leaves channel_analytics for the bridge
channel_analytics_channel_inventory, installed in the same upgrade (it holds no record of its own)."""

import logging

from odoo import SUPERUSER_ID, api

from odoo.addons.dealer_base.tools.migration import mark_bridge_to_install

BRIDGES = {
    "channel_analytics_rebate": ("channel_analytics", "dealer_rebate"),
    "channel_analytics_credit": ("channel_analytics", "dealer_credit"),
}
MOVED_XMLIDS = {
    "channel_analytics_rebate": ("field_res_partner__channel_rebate_amount", "field_res_users__channel_rebate_amount")
}


def _mark_bridges_of_installed_modules(cr):
    for bridge, depends in BRIDGES.items():
        if mark_bridge_to_install(cr, bridge, depends) and bridge in MOVED_XMLIDS:
            cr.execute(
                "UPDATE ir_model_data SET module = %s WHERE module = 'channel_analytics' AND name IN %s",
                (bridge, MOVED_XMLIDS[bridge]),
            )


_logger = logging.getLogger(__name__)

BRIDGE = "channel_analytics_channel_inventory"


def _install_channel_inventory_bridge(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    bridge = env["ir.module.module"].search([("name", "=", BRIDGE)])
    if not bridge:
        _logger.warning("%s is not on the add-ons path: the dashboard loses its channel stock panel", BRIDGE)
        return
    if bridge.state == "uninstalled":
        # With dealer_channel_inventory, when stock_alerts hands the channel inventory over in this upgrade.
        bridge.button_install()


def migrate(cr, version):
    _mark_bridges_of_installed_modules(cr)
    _install_channel_inventory_bridge(cr, version)
