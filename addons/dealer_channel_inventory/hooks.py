"""The channel inventory was part of stock_alerts before 18.0.1.1.0 of that module.

A database that had it gets its records handed over when this module is installed, whatever the order
in which the upgrade loads stock_alerts and this module: every record of the channel inventory that
stock_alerts created (models, their inheritance, fields, selections, constraints, access rights,
record rules, views, actions, menus, the cron and the mail template) changes module before this
module loads its data, so that the install updates them in place (same ids, no duplicate) and the
end-of-upgrade cleanup of stock_alerts deletes none of them (nor drops their tables or columns).
On a database that never had stock_alerts' channel inventory nothing changes.
"""

import logging

_logger = logging.getLogger(__name__)

NEW_MODULE = "dealer_channel_inventory"
MOVED_MODELS = (
    "dealer.channel.stock",
    "dealer.cover.alert",
    "dealer.report.compliance",
    "dealer.stock.report",
    "dealer.stock.report.line",
)
# Fields that stock_alerts added to other models and that belong to the channel inventory.
MOVED_FIELDS = (
    ("dealer.level", "channel_max_weeks"),
    ("dealer.level", "channel_min_weeks"),
    ("dealer.level", "channel_target_weeks"),
    ("res.partner", "channel_api_key_ids"),
    ("res.partner", "channel_reminded_period_end"),
    ("res.partner", "channel_report_period"),
)
MOVED_CONSTRAINTS = ("dealer_level_channel_weeks_positive",)
# External ids of the data files (views, actions, menus, rules, access rights, cron, mail template).
MOVED_RECORDS = (
    "access_dealer_channel_stock_manager",
    "access_dealer_channel_stock_portal",
    "access_dealer_channel_stock_salesman",
    "access_dealer_channel_stock_stock",
    "access_dealer_cover_alert_manager",
    "access_dealer_cover_alert_salesman",
    "access_dealer_cover_alert_stock",
    "access_dealer_report_compliance_manager",
    "access_dealer_report_compliance_salesman",
    "access_dealer_stock_report_line_manager",
    "access_dealer_stock_report_line_portal",
    "access_dealer_stock_report_line_salesman",
    "access_dealer_stock_report_line_stock",
    "access_dealer_stock_report_manager",
    "access_dealer_stock_report_portal",
    "access_dealer_stock_report_salesman",
    "access_dealer_stock_report_stock",
    "channel_inventory_menu",
    "dealer_channel_stock_action",
    "dealer_channel_stock_action_suggestions",
    "dealer_channel_stock_menu",
    "dealer_channel_stock_menu_inventory",
    "dealer_channel_stock_rule_manager",
    "dealer_channel_stock_rule_portal",
    "dealer_channel_stock_rule_salesman",
    "dealer_channel_stock_rule_stock",
    "dealer_channel_stock_suggestions_menu",
    "dealer_channel_stock_view_form",
    "dealer_channel_stock_view_graph",
    "dealer_channel_stock_view_list",
    "dealer_channel_stock_view_pivot",
    "dealer_channel_stock_view_search",
    "dealer_cover_alert_action",
    "dealer_cover_alert_menu",
    "dealer_cover_alert_rule_manager",
    "dealer_cover_alert_rule_salesman",
    "dealer_cover_alert_rule_stock",
    "dealer_cover_alert_view_form",
    "dealer_cover_alert_view_list",
    "dealer_cover_alert_view_search",
    "dealer_level_view_form_channel",
    "dealer_report_compliance_action",
    "dealer_report_compliance_menu",
    "dealer_report_compliance_rule_manager",
    "dealer_report_compliance_rule_salesman",
    "dealer_report_compliance_view_list",
    "dealer_report_compliance_view_pivot",
    "dealer_report_compliance_view_search",
    "dealer_stock_report_action",
    "dealer_stock_report_line_action",
    "dealer_stock_report_line_menu",
    "dealer_stock_report_line_rule_manager",
    "dealer_stock_report_line_rule_portal",
    "dealer_stock_report_line_rule_salesman",
    "dealer_stock_report_line_rule_stock",
    "dealer_stock_report_line_view_list",
    "dealer_stock_report_line_view_pivot",
    "dealer_stock_report_menu",
    "dealer_stock_report_rule_manager",
    "dealer_stock_report_rule_portal",
    "dealer_stock_report_rule_salesman",
    "dealer_stock_report_rule_stock",
    "dealer_stock_report_view_form",
    "dealer_stock_report_view_list",
    "dealer_stock_report_view_search",
    "ir_cron_dealer_channel_stock",
    "ir_cron_dealer_channel_stock_ir_actions_server",
    "mail_template_stock_report_reminder",
    "res_partner_view_form_channel",
)
# System parameters follow the module that reads them.
MOVED_PARAMETERS = ("channel_expiry_days", "channel_forecast_weeks", "channel_lookback_weeks")


def take_over_from_stock_alerts(cr):
    cr.execute("SELECT id FROM ir_module_module WHERE name = %s", [NEW_MODULE])
    row = cr.fetchone()
    if not row:
        return
    new_module_id = row[0]
    cr.execute(
        """
        WITH models AS (SELECT id, model FROM ir_model WHERE model IN %(models)s),
        fields AS (
            SELECT f.id FROM ir_model_fields f
             WHERE f.model IN %(models)s OR (f.model, f.name) IN %(fields)s
        ),
        selections AS (SELECT s.id FROM ir_model_fields_selection s WHERE s.field_id IN (SELECT id FROM fields)),
        moved AS (
            SELECT d.id FROM ir_model_data d
             WHERE d.module = 'stock_alerts'
               AND (
                    (d.model = 'ir.model' AND d.res_id IN (SELECT id FROM models))
                 OR (d.model = 'ir.model.fields' AND d.res_id IN (SELECT id FROM fields))
                 OR (d.model = 'ir.model.fields.selection' AND d.res_id IN (SELECT id FROM selections))
                 OR (d.model = 'ir.model.constraint'
                     AND d.res_id IN (SELECT c.id FROM ir_model_constraint c
                                       WHERE c.model IN (SELECT id FROM models) OR c.name IN %(constraints)s))
                 OR (d.model = 'ir.model.inherit'
                     AND d.res_id IN (SELECT i.id FROM ir_model_inherit i WHERE i.model_id IN (SELECT id FROM models)))
                 OR (d.model NOT IN (
                        'ir.model', 'ir.model.fields', 'ir.model.fields.selection', 'ir.model.constraint',
                        'ir.model.inherit'
                     ) AND d.name IN %(records)s)
               )
        )
        UPDATE ir_model_data SET module = %(module)s WHERE id IN (SELECT id FROM moved)
        """,
        {
            "models": MOVED_MODELS,
            "fields": MOVED_FIELDS,
            "constraints": MOVED_CONSTRAINTS,
            "records": MOVED_RECORDS,
            "module": NEW_MODULE,
        },
    )
    _logger.info("%s external ids of stock_alerts handed over to %s", cr.rowcount, NEW_MODULE)
    cr.execute(
        """
        UPDATE ir_model_constraint c SET module = %(new)s
          FROM ir_module_module old
         WHERE old.name = 'stock_alerts' AND c.module = old.id
           AND (c.model IN (SELECT id FROM ir_model WHERE model IN %(models)s) OR c.name IN %(constraints)s)
        """,
        {"new": new_module_id, "models": MOVED_MODELS, "constraints": MOVED_CONSTRAINTS},
    )
    _logger.info("%s constraints of stock_alerts handed over to %s", cr.rowcount, NEW_MODULE)
    for key in MOVED_PARAMETERS:
        cr.execute(
            """
            UPDATE ir_config_parameter SET key = %s
             WHERE key = %s AND NOT EXISTS (SELECT 1 FROM ir_config_parameter WHERE key = %s)
            """,
            (f"{NEW_MODULE}.{key}", f"stock_alerts.{key}", f"{NEW_MODULE}.{key}"),
        )


def pre_init_hook(env):
    take_over_from_stock_alerts(env.cr)
