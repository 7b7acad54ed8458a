from odoo import SUPERUSER_ID, api, fields, models


class StockAlert(models.Model):
    """A product whose available stock fell below its safety stock in a warehouse, once per day."""

    _name = "stock.alert"
    _description = "Stock Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "alert_date desc, shortage_qty desc, id"
    _check_company_auto = True

    alert_type = fields.Selection(
        [("shortage", "Below Safety Stock"), ("config", "Configuration")], required=True, default="shortage"
    )
    alert_date = fields.Date(required=True, index=True, default=fields.Date.context_today)
    product_id = fields.Many2one("product.product", index=True, ondelete="cascade", check_company=True)
    warehouse_id = fields.Many2one("stock.warehouse", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="warehouse_id.company_id", store=True, index=True)
    available_qty = fields.Float(string="Available", digits="Product Unit of Measure", readonly=True)
    safety_qty = fields.Float(string="Safety Stock", digits="Product Unit of Measure", readonly=True)
    shortage_qty = fields.Float(string="Shortage", digits="Product Unit of Measure", readonly=True)
    message = fields.Char(readonly=True)
    responsible_id = fields.Many2one("res.users", index=True, readonly=True)
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True, tracking=True)

    _sql_constraints = [
        (
            "product_warehouse_day_unique",
            "UNIQUE(alert_type, product_id, warehouse_id, alert_date)",
            "There is already an alert for this product, warehouse and day.",
        ),
    ]

    @api.depends("product_id", "warehouse_id", "alert_type")
    def _compute_display_name(self):
        for alert in self:
            alert.display_name = (
                f"{alert.warehouse_id.code}: {alert.product_id.display_name}"
                if alert.product_id
                else f"{alert.warehouse_id.code}: {alert.message or ''}"
            )

    def action_done(self):
        self.write({"state": "done"})
        self.activity_ids.action_feedback()
        return True

    # ------------------------------------------------------------
    # GENERATION
    # ------------------------------------------------------------

    @api.model
    def _get_responsible(self, rule):
        """The warehouse's stock alerts manager, else the product's responsible (not the superuser)."""
        user = rule.warehouse_id.stock_alerts_user_id
        if not user:
            user = rule.product_id.responsible_id
        if not user or user.id == SUPERUSER_ID or not user.active:
            return self.env["res.users"]
        return user

    @api.model
    def _generate_alerts(self, rules=None, today=None):
        """Create today's alerts: shortages under the safety stock, and warehouses without a region mapping.

        Never twice for the same product, warehouse and day: existing alerts are skipped here, and the
        database constraint refuses duplicates of concurrent runs.
        """
        today = today or fields.Date.context_today(self)
        rules = rules if rules is not None else self.env["stock.safety.stock"].search([])
        rules = rules.filtered(lambda r: r.quantity > 0)
        available = rules.warehouse_id._get_available_qty(rules.product_id)
        existing = {
            (a.alert_type, a.product_id.id, a.warehouse_id.id)
            for a in self.search([("alert_date", "=", today), ("company_id", "in", self.env.companies.ids)])
        }
        vals_list, responsibles = [], []
        for rule in rules:
            qty = available.get((rule.product_id.id, rule.warehouse_id.id), 0.0)
            if qty >= rule.quantity or ("shortage", rule.product_id.id, rule.warehouse_id.id) in existing:
                continue
            user = self._get_responsible(rule)
            responsibles.append(user)
            vals_list.append(
                {
                    "alert_type": "shortage",
                    "alert_date": today,
                    "product_id": rule.product_id.id,
                    "warehouse_id": rule.warehouse_id.id,
                    "available_qty": qty,
                    "safety_qty": rule.quantity,
                    "shortage_qty": rule.quantity - qty,
                    "responsible_id": user.id,
                }
            )
        warehouses = self.env["stock.warehouse"].search([("company_id", "in", self.env.companies.ids)])
        for warehouse in warehouses.filtered("stock_alerts_config_warning"):
            if ("config", False, warehouse.id) in existing:
                continue
            responsibles.append(warehouse.stock_alerts_user_id)
            vals_list.append(
                {
                    "alert_type": "config",
                    "alert_date": today,
                    "warehouse_id": warehouse.id,
                    "message": warehouse.stock_alerts_config_warning,
                    "responsible_id": warehouse.stock_alerts_user_id.id,
                }
            )
        alerts = self.with_context(tracking_disable=True, mail_create_nolog=True).create(vals_list)
        alerts._schedule_activities()
        return alerts

    def _schedule_activities(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        # The activities' record names, computed here in one batch rather than one alert at a time.
        self.mapped("display_name")
        activities = [
            {
                "res_model_id": model_id,
                "res_id": alert.id,
                "activity_type_id": activity_type.id,
                "summary": self.env._("Stock below safety stock")
                if alert.alert_type == "shortage"
                else self.env._("Warehouse configuration"),
                "user_id": alert.responsible_id.id,
                "date_deadline": alert.alert_date,
            }
            for alert in self.filtered("responsible_id")
        ]
        return self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activities)

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_daily(self):
        """Recompute safety stocks, raise today's alerts, refresh suggestions and send the digests."""
        self.env["stock.safety.stock"]._cron_compute_safety_stock()
        self._generate_alerts()
        self.env["stock.replenishment.suggestion"]._generate()
        self.env["stock.transfer.suggestion"]._generate()
        self._send_digest()

    @api.model
    def _send_digest(self, today=None):
        """One e-mail per responsible with the open alerts of the day."""
        today = today or fields.Date.context_today(self)
        template = self.env.ref("stock_alerts.mail_template_stock_alert_digest", raise_if_not_found=False)
        if not template:
            return 0
        groups = self._read_group(
            [("alert_date", "=", today), ("state", "=", "open"), ("responsible_id", "!=", False)],
            ["responsible_id"],
            ["id:recordset"],
        )
        for user, alerts in groups:
            if user.email:
                template.with_context(stock_alerts=alerts).send_mail(
                    user.id, email_layout_xmlid="mail.mail_notification_light"
                )
        return len(groups)
