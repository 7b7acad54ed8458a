from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["sale.order"].browse({vals.get("order_id") for vals in vals_list if vals.get("order_id")})
        old_totals = orders._dealer_credit_confirmed_totals()
        lines = super().create(vals_list)
        lines.order_id._dealer_credit_recheck_increase(old_totals)
        return lines

    def write(self, vals):
        old_totals = self.order_id._dealer_credit_confirmed_totals()
        result = super().write(vals)
        if old_totals:
            self.order_id._dealer_credit_recheck_increase(old_totals)
        return result
