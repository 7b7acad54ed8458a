"""dealer_base no longer depends on stock (18.0.1.1.0).

What concerned stock moved to the bridge dealer_stock (the salespeople's record rules on
transfers, stock moves, move lines and procurement groups, and the warehouse users' rule on
dealers); the demo brand's story (company, warehouses, products, stock, salespeople, dealers
with their portal users, a year of history) moved to dealer_demo, together with the demo
records of the other add-ons that lived on it (level price lists and agreed prices, rebate
programs, promotions).

Their external ids are renamed here, before anything of the new layout is loaded, so that the
records keep their ids and the new modules find them instead of making them again (and the
cleanup at the end of the upgrade has nothing of ours to delete). Then the new modules are
marked to install, so that the same upgrade installs them: dealer_stock wherever sale_stock is
installed, dealer_demo where the database has demo data and every add-on it fills.
"""

import logging

_logger = logging.getLogger(__name__)

STOCK_RULES = [
    "res_partner_rule_dealer_stock_user",
    "stock_picking_rule_dealer_user",
    "stock_picking_rule_dealer_all",
    "stock_move_rule_dealer_user",
    "stock_move_rule_dealer_all",
    "stock_move_line_rule_dealer_user",
    "stock_move_line_rule_dealer_all",
    "procurement_group_rule_dealer_user",
    "procurement_group_rule_dealer_all",
]

# The story's records made by dealer_base's demo (the region tree stays dealer_base's demo data).
STORY_MODELS = [
    "res.company",
    "stock.warehouse",
    "res.users",
    "crm.team",
    "product.category",
    "product.product",
    "res.partner",
]

# Demo records of the other add-ons that belong to the story, by module.
STORY_RECORDS = {
    "dealer_pricing": [
        "pricelist_level_platinum",
        "pricelist_level_gold",
        "pricelist_level_silver",
        "assortment_silver_no_parts",
        "dealer_price_d001_ka001",
        "dealer_price_d001_ka001_100",
        "dealer_price_d001_ha007",
        "dealer_price_d003_ka006",
        "dealer_price_d003_ka006_50",
    ],
    "dealer_rebate": ["program_q_rebate", "program_platinum_year"],
    "dealer_portal": [
        "loyalty_program_volume",
        "loyalty_rule_volume",
        "loyalty_reward_volume",
        "loyalty_program_code",
        "loyalty_rule_code",
        "loyalty_reward_code",
    ],
}

INSTALLED = ("installed", "to upgrade", "to install")
# Odoo add-ons the story needs, directly or through the add-ons below, that the earlier layout
# did not use: installed with it, without their own demo data.
STORY_ODOO_DEPENDS = ("l10n_cn", "payment_custom", "payment_demo", "payment_asiapay")
# Add-ons of this release the story fills that have no earlier add-on: installed with it.
STORY_NEW_ADDONS = ("dealer_payment", "dealer_payment_asiapay", "dealer_invoice_request")
# Add-ons of this release that took over part of an earlier add-on, whose migration installs them.
TAKEN_OVER = {"dealer_channel_inventory": "stock_alerts"}


def _rename(cr, module, new_module, names=None, models=None):
    """Move the external ids of ``module`` with these names (or of these models) to ``new_module``."""
    cr.execute(
        """UPDATE ir_model_data SET module = %(new)s
            WHERE module = %(old)s
              AND (%(names)s::varchar[] IS NULL OR name = ANY(%(names)s::varchar[]))
              AND (%(models)s::varchar[] IS NULL OR model = ANY(%(models)s::varchar[]))
              AND NOT EXISTS (SELECT 1 FROM ir_model_data other
                               WHERE other.module = %(new)s AND other.name = ir_model_data.name)""",
        {"new": new_module, "old": module, "names": names, "models": models},
    )
    _logger.info("%s: %s external ids moved to %s", module, cr.rowcount, new_module)


def _mark_to_install(cr, name, demo):
    cr.execute(
        "UPDATE ir_module_module SET state = 'to install', demo = %s WHERE name = %s AND state = 'uninstalled'",
        [demo, name],
    )
    if cr.rowcount:
        _logger.info("%s marked to install", name)


def migrate(cr, version):
    if not version:
        return
    _rename(cr, "dealer_base", "dealer_stock", names=STOCK_RULES, models=["ir.rule"])
    _rename(cr, "dealer_base", "dealer_demo", models=STORY_MODELS)
    for module, names in STORY_RECORDS.items():
        _rename(cr, module, "dealer_demo", names=names)

    cr.execute("SELECT name, state, demo FROM ir_module_module")
    modules = {name: (state, demo) for name, state, demo in cr.fetchall()}
    demo = bool(modules["dealer_base"][1])
    if modules.get("sale_stock", ("",))[0] in INSTALLED:
        _mark_to_install(cr, "dealer_stock", demo)
        modules["dealer_stock"] = ("to install", demo)
    cr.execute(
        """SELECT d.name FROM ir_module_module_dependency d
             JOIN ir_module_module m ON m.id = d.module_id
            WHERE m.name = 'dealer_demo'"""
    )
    depends = [name for (name,) in cr.fetchall()]

    def ready(name):
        # Add-ons that took over a domain of an installed one are installed by its own migration.
        taken_from = TAKEN_OVER.get(name)
        return (
            name in STORY_ODOO_DEPENDS
            or name in STORY_NEW_ADDONS
            or modules.get(name, ("",))[0] in INSTALLED
            or (taken_from is not None and modules.get(taken_from, ("",))[0] in INSTALLED)
        )

    if demo and depends and all(ready(name) for name in depends):
        for name in STORY_ODOO_DEPENDS:
            # Without Odoo's demo of it (a company of its own, invoices to Odoo's demo customers).
            _mark_to_install(cr, name, False)
        for name in (*STORY_NEW_ADDONS, "dealer_demo"):
            _mark_to_install(cr, name, demo)
