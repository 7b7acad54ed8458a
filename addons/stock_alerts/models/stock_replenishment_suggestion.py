from odoo import _, api, fields, models
from odoo.exceptions import UserError


class StockReplenishmentSuggestion(models.Model):
    """What to reorder for a product in a warehouse, from the demand forecast over the lead time."""

    _name = "stock.replenishment.suggestion"
    _description = "Replenishment Suggestion"
    _order = "suggested_qty desc, id"
    _check_company_auto = True

    safety_stock_id = fields.Many2one(
        "stock.safety.stock", string="Safety Stock Rule", required=True, ondelete="cascade", index=True
    )
    product_id = fields.Many2one(related="safety_stock_id.product_id", store=True, index=True)
    warehouse_id = fields.Many2one(related="safety_stock_id.warehouse_id", store=True, index=True)
    company_id = fields.Many2one(related="safety_stock_id.company_id", store=True, index=True)
    lead_time_days = fields.Integer(related="safety_stock_id.lead_time_days")
    available_qty = fields.Float(string="Available", digits="Product Unit of Measure", readonly=True)
    safety_qty = fields.Float(string="Safety Stock", digits="Product Unit of Measure", readonly=True)
    forecast_qty = fields.Float(string="Forecast over Lead Time", digits="Product Unit of Measure", readonly=True)
    suggested_qty = fields.Float(string="Suggested Quantity", digits="Product Unit of Measure", readonly=True)
    orderpoint_id = fields.Many2one("stock.warehouse.orderpoint", string="Reorder Rule", readonly=True)
    state = fields.Selection([("new", "New"), ("done", "Reorder Rule Set")], default="new", required=True)

    @api.model
    def _generate(self, rules=None, today=None):
        """Replace the new suggestions by fresh ones for the rules that need an order."""
        rules = rules if rules is not None else self.env["stock.safety.stock"].search([])
        self.search([("state", "=", "new"), ("safety_stock_id", "in", rules.ids)]).unlink()
        status = rules._get_stock_status(today)
        return self.create(
            [
                {
                    "safety_stock_id": rule.id,
                    "available_qty": status[rule.id]["available"],
                    "safety_qty": status[rule.id]["safety"],
                    "forecast_qty": status[rule.id]["forecast"],
                    "suggested_qty": status[rule.id]["suggested"],
                }
                for rule in rules
                if status[rule.id]["suggested"] > 0
            ]
        )

    def action_create_orderpoint(self):
        """Set the reorder rule: minimum = safety stock + lead-time demand, ordering the suggested quantity."""
        if self.filtered(lambda s: s.state == "done"):
            raise UserError(_("A reorder rule was already set from this suggestion."))
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        existing = Orderpoint.search(
            [
                ("product_id", "in", self.product_id.ids),
                ("warehouse_id", "in", self.warehouse_id.ids),
                ("trigger", "in", ("auto", "manual")),
            ]
        )
        by_key = {(op.product_id.id, op.warehouse_id.id, op.location_id.id): op for op in existing}
        for suggestion in self:
            warehouse = suggestion.warehouse_id
            vals = suggestion._prepare_orderpoint_vals()
            orderpoint = by_key.get((suggestion.product_id.id, warehouse.id, warehouse.lot_stock_id.id))
            if orderpoint:
                orderpoint.write(vals)
            else:
                orderpoint = Orderpoint.create(vals)
            suggestion.write({"orderpoint_id": orderpoint.id, "state": "done"})
        return True

    def _prepare_orderpoint_vals(self):
        self.ensure_one()
        rule = self.safety_stock_id
        minimum = self.safety_qty + self.forecast_qty
        return {
            "product_id": self.product_id.id,
            "warehouse_id": self.warehouse_id.id,
            "location_id": self.warehouse_id.lot_stock_id.id,
            "company_id": self.company_id.id,
            "trigger": "auto",
            "product_min_qty": minimum,
            "product_max_qty": max(minimum, self.available_qty + self.suggested_qty),
            "qty_multiple": rule.pack_size or 1.0,
        }
