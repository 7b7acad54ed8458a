from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round

from ..tools import forecast

DEFAULT_HISTORY_WEEKS = 8


class StockSafetyStock(models.Model):
    """Safety stock and replenishment parameters of a product in a warehouse."""

    _name = "stock.safety.stock"
    _description = "Safety Stock"
    _order = "warehouse_id, product_id"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    product_id = fields.Many2one(
        "product.product",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('is_storable', '=', True)]",
    )
    warehouse_id = fields.Many2one("stock.warehouse", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, readonly=True
    )
    mode = fields.Selection(
        [("manual", "Manual"), ("computed", "Computed")],
        required=True,
        default="manual",
        help="Computed: z x standard deviation of the daily demand x square root of the lead time.",
    )
    manual_qty = fields.Float(string="Manual Quantity", digits="Product Unit of Measure")
    computed_qty = fields.Float(string="Computed Quantity", digits="Product Unit of Measure", readonly=True)
    quantity = fields.Float(
        string="Safety Stock",
        compute="_compute_quantity",
        store=True,
        digits="Product Unit of Measure",
    )
    lead_time_days = fields.Integer(string="Lead Time (Days)", required=True, default=7)
    service_level_z = fields.Float(
        string="Service Level (z)", default=1.65, help="1.28 for 90%, 1.65 for 95%, 2.33 for 99% of cycles served."
    )
    min_order_qty = fields.Float(string="Minimum Order Quantity", digits="Product Unit of Measure")
    pack_size = fields.Float(digits="Product Unit of Measure", help="Orders are multiples of it.")
    available_qty = fields.Float(string="Available", compute="_compute_available_qty", digits="Product Unit of Measure")

    _sql_constraints = [
        (
            "product_warehouse_unique",
            "UNIQUE(product_id, warehouse_id)",
            "A product has one safety stock per warehouse.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("mode", "manual_qty", "computed_qty")
    def _compute_quantity(self):
        for rule in self:
            rule.quantity = rule.manual_qty if rule.mode == "manual" else rule.computed_qty

    def _compute_available_qty(self):
        available = self.warehouse_id._get_available_qty(self.product_id)
        for rule in self:
            rule.available_qty = available.get((rule.product_id.id, rule.warehouse_id.id), 0.0)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("manual_qty", "lead_time_days", "service_level_z", "min_order_qty", "pack_size")
    def _check_parameters(self):
        for rule in self:
            if rule.manual_qty < 0:
                raise ValidationError(_("The safety stock of %s cannot be negative.", rule.product_id.display_name))
            if rule.lead_time_days <= 0:
                raise ValidationError(_("The lead time of %s must be at least one day.", rule.product_id.display_name))
            if rule.service_level_z < 0:
                raise ValidationError(_("The service level z cannot be negative."))
            if rule.min_order_qty < 0 or rule.pack_size < 0:
                raise ValidationError(_("The minimum order quantity and the pack size cannot be negative."))

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _get_history_weeks(self):
        weeks = self.env["ir.config_parameter"].sudo().get_param("stock_alerts.history_weeks")
        try:
            return max(1, int(weeks or DEFAULT_HISTORY_WEEKS))
        except ValueError:
            return DEFAULT_HISTORY_WEEKS

    def _get_demand_history(self, today=None):
        """(series by (product, warehouse), last day, weeks): the daily demand of these rules' pairs."""
        today = today or fields.Date.context_today(self)
        weeks = self._get_history_weeks()
        date_to = today - timedelta(days=1)
        date_from = today - timedelta(days=weeks * 7)
        series = self.warehouse_id._get_daily_demand(self.product_id, date_from, date_to)
        return series, date_to, weeks

    def action_compute_safety_stock(self, today=None):
        """Recompute the computed safety stocks from the demand variability, in one query."""
        rules = self.filtered(lambda r: r.mode == "computed")
        series, date_to, weeks = rules._get_demand_history(today)
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        changed = {}
        for rule in rules:
            history = series.get((rule.product_id.id, rule.warehouse_id.id), {})
            stddev = forecast.daily_demand_stddev(history, date_to, weeks * 7)
            qty = float_round(
                forecast.safety_stock(rule.service_level_z, stddev, rule.lead_time_days), precision_digits=digits
            )
            if float_compare(qty, rule.computed_qty, precision_digits=digits):
                changed.setdefault(qty, []).append(rule.id)
        # Most safety stocks keep yesterday's value: only the others are written, one write per value.
        for qty, ids in changed.items():
            self.browse(ids).computed_qty = qty
        return True

    def _get_stock_status(self, today=None):
        """For each rule: available quantity, forecast over the lead time and suggested order; batched.

        Returns {rule id: {available, safety, forecast, need, suggested}}. A product without history
        forecasts zero demand.
        """
        today = today or fields.Date.context_today(self)
        available = self.warehouse_id._get_available_qty(self.product_id)
        series, date_to, weeks = self._get_demand_history(today)
        result = {}
        for rule in self:
            key = (rule.product_id.id, rule.warehouse_id.id)
            demand = forecast.forecast_demand(series.get(key, {}), date_to, weeks, today, rule.lead_time_days)
            qty = available.get(key, 0.0)
            need = demand + rule.quantity - qty
            result[rule.id] = {
                "available": qty,
                "safety": rule.quantity,
                "forecast": demand,
                "need": max(need, 0.0),
                "suggested": forecast.round_order_qty(need, rule.min_order_qty, rule.pack_size),
            }
        return result

    @api.model
    def _cron_compute_safety_stock(self):
        self.search([("mode", "=", "computed")]).action_compute_safety_stock()
