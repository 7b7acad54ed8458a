"""Helpers of the add-ons' migration scripts."""

READY = ("installed", "to upgrade", "to install")


def mark_bridge_to_install(cr, bridge, depends):
    """Mark the auto_install ``bridge`` to install when every module of ``depends`` is installed
    or being installed; Odoo installs new auto_install modules only with one of their dependencies,
    never on an upgrade, and loads the modules marked here in the same run. Returns whether it did."""
    cr.execute(
        """
        UPDATE ir_module_module bridge
           SET state = 'to install'
         WHERE bridge.name = %s
           AND bridge.state = 'uninstalled'
           AND (SELECT count(*) FROM ir_module_module dep WHERE dep.name IN %s AND dep.state IN %s) = %s
        """,
        (bridge, tuple(depends), READY, len(depends)),
    )
    return bool(cr.rowcount)
