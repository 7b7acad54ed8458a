from odoo import api, models
from odoo.osv import expression


class ChannelDashboard(models.AbstractModel):
    _inherit = "channel.dashboard"

    @api.model
    def _get_hold_kpi(self, dealer_domain, domains):
        result = super()._get_hold_kpi(dealer_domain, domains)
        hold_domain = expression.AND([[("credit_state", "=", "hold")], dealer_domain])
        domains["hold"] = hold_domain
        result.update(has_credit=True, hold_count=self.env["sale.order"].search_count(hold_domain))
        return result
