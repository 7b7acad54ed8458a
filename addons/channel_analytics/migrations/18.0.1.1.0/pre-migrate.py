"""The channel stock panel of the dashboard leaves channel_analytics for the bridge
channel_analytics_channel_inventory, installed in the same upgrade (it holds no record of its own)."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

BRIDGE = "channel_analytics_channel_inventory"


def migrate(cr, version):
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
