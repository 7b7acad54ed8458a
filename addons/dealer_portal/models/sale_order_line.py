from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _compute_dealer_price_rule(self):
        # Promotion lines are priced by their loyalty program, not by a price list rule.
        rewards = self.filtered("is_reward_line")
        result = super(SaleOrderLine, self - rewards)._compute_dealer_price_rule()
        rewards.dealer_price_rule = False
        return result
