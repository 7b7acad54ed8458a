from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _compute_dealer_price_rule(self):
        # Promotion lines are priced by their loyalty program, not by a price list rule.
        rewards = self.filtered("is_reward_line")
        result = super(SaleOrderLine, self - rewards)._compute_dealer_price_rule()
        rewards.dealer_price_rule = False
        return result

    def _compute_analytic_distribution(self):
        # Odoo looks the distribution models up once per line; when the company has
        # none (the usual case), a batch of lines (a quick order, an imported file)
        # skips those lookups: the result would be empty for every line anyway.
        lines = self
        if len(self) > 1 and not self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1):
            lines = self.with_context(dealer_portal_no_distribution_model=True)
        return super(SaleOrderLine, lines)._compute_analytic_distribution()
