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
        # Odoo looks the distribution models up once per line; when the database has
        # none (the usual case), a batch of a dealer's lines (a quick order, an imported
        # file) skips those lookups: the result would be empty for every line anyway.
        # Every other line is computed by Odoo as it is.
        dealer_lines = self.filtered(lambda line: line.order_id.partner_id.dealer_id)
        if len(dealer_lines) < 2 or self.env["account.analytic.distribution.model"].sudo().search_count([], limit=1):
            return super()._compute_analytic_distribution()
        super(SaleOrderLine, self - dealer_lines)._compute_analytic_distribution()
        return super(
            SaleOrderLine, dealer_lines.with_context(dealer_portal_no_distribution_model=True)
        )._compute_analytic_distribution()
