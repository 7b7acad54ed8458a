"""The rebate panel of the dealer home and the rebates of the statement moved to the bridge
dealer_portal_rebate (auto_install). Odoo installs new auto_install modules only when one of their
dependencies is being installed, not on an upgrade: a database that has dealer_rebate gets the bridge
marked here, and the loading of this upgrade installs it (modules marked 'to install' while modules
are upgraded are loaded in the same run)."""

BRIDGES = {"dealer_portal_rebate": ("dealer_portal", "dealer_rebate")}
READY = ("installed", "to upgrade", "to install")


def migrate(cr, version):
    for bridge, depends in BRIDGES.items():
        cr.execute(
            """
            UPDATE ir_module_module bridge
               SET state = 'to install'
             WHERE bridge.name = %s
               AND bridge.state = 'uninstalled'
               AND (SELECT count(*) FROM ir_module_module dep WHERE dep.name IN %s AND dep.state IN %s) = %s
            """,
            (bridge, depends, READY, len(depends)),
        )
