"""The API keys and their call log were part of dealer_channel_inventory (and before it of stock_alerts).

A database that had them gets their records handed over when this module is installed, before it
loads its data: the models, their fields, constraints, access rights, views, actions and menus
change module (same ids, no duplicate, nothing for the end-of-upgrade cleanup of the former owner
to delete, no table or column dropped), and the rate limit parameter follows the module that reads
it. Whichever former owner the database has, its upgrade marks this module to install (a new
dependency of dealer_channel_inventory), and this hook runs before the former owner's data loads.
On a database that never had the keys nothing changes.
"""

import logging

_logger = logging.getLogger(__name__)

NEW_MODULE = "dealer_api"
FORMER_MODULES = ("dealer_channel_inventory", "stock_alerts")
MOVED_MODELS = ("dealer.api.call", "dealer.api.key", "dealer.api.key.generate")
# External ids of the data files (views, actions, menus, access rights).
MOVED_RECORDS = (
    "access_dealer_api_call_manager",
    "access_dealer_api_key_generate_manager",
    "access_dealer_api_key_manager",
    "dealer_api_call_action",
    "dealer_api_call_menu",
    "dealer_api_call_view_form",
    "dealer_api_call_view_list",
    "dealer_api_call_view_search",
    "dealer_api_key_action",
    "dealer_api_key_generate_action",
    "dealer_api_key_generate_menu",
    "dealer_api_key_generate_view_form",
    "dealer_api_key_generate_view_form_show",
    "dealer_api_key_menu",
    "dealer_api_key_view_form",
    "dealer_api_key_view_list",
    "dealer_api_key_view_search",
)
# System parameters read by this module, under their former names.
MOVED_PARAMETERS = {
    "dealer_api.rate_limit": ("dealer_channel_inventory.api_rate_limit", "stock_alerts.api_rate_limit"),
}


def take_over(cr):
    cr.execute("SELECT id FROM ir_module_module WHERE name = %s", [NEW_MODULE])
    row = cr.fetchone()
    if not row:
        return
    new_module_id = row[0]
    cr.execute(
        """
        WITH models AS (SELECT id, model FROM ir_model WHERE model IN %(models)s),
        fields AS (SELECT f.id FROM ir_model_fields f WHERE f.model IN %(models)s),
        selections AS (SELECT s.id FROM ir_model_fields_selection s WHERE s.field_id IN (SELECT id FROM fields)),
        moved AS (
            SELECT d.id FROM ir_model_data d
             WHERE d.module IN %(former)s
               AND (
                    (d.model = 'ir.model' AND d.res_id IN (SELECT id FROM models))
                 OR (d.model = 'ir.model.fields' AND d.res_id IN (SELECT id FROM fields))
                 OR (d.model = 'ir.model.fields.selection' AND d.res_id IN (SELECT id FROM selections))
                 OR (d.model = 'ir.model.constraint'
                     AND d.res_id IN (SELECT c.id FROM ir_model_constraint c WHERE c.model IN (SELECT id FROM models)))
                 OR (d.model = 'ir.model.inherit'
                     AND d.res_id IN (SELECT i.id FROM ir_model_inherit i WHERE i.model_id IN (SELECT id FROM models)))
                 OR (d.model NOT IN (
                        'ir.model', 'ir.model.fields', 'ir.model.fields.selection', 'ir.model.constraint',
                        'ir.model.inherit'
                     ) AND d.name IN %(records)s)
               )
               AND NOT EXISTS (SELECT 1 FROM ir_model_data o WHERE o.module = %(module)s AND o.name = d.name)
        )
        UPDATE ir_model_data SET module = %(module)s WHERE id IN (SELECT id FROM moved)
        """,
        {"models": MOVED_MODELS, "former": FORMER_MODULES, "records": MOVED_RECORDS, "module": NEW_MODULE},
    )
    _logger.info("%s external ids of the API keys handed over to %s", cr.rowcount, NEW_MODULE)
    cr.execute(
        """
        UPDATE ir_model_constraint c SET module = %(new)s
          FROM ir_module_module old
         WHERE old.name IN %(former)s AND c.module = old.id
           AND c.model IN (SELECT id FROM ir_model WHERE model IN %(models)s)
        """,
        {"new": new_module_id, "former": FORMER_MODULES, "models": MOVED_MODELS},
    )
    _logger.info("%s constraints of the API keys handed over to %s", cr.rowcount, NEW_MODULE)
    for key, former_keys in MOVED_PARAMETERS.items():
        for former in former_keys:
            cr.execute(
                """
                UPDATE ir_config_parameter SET key = %s
                 WHERE key = %s AND NOT EXISTS (SELECT 1 FROM ir_config_parameter WHERE key = %s)
                """,
                (key, former, key),
            )


def pre_init_hook(env):
    take_over(env.cr)
