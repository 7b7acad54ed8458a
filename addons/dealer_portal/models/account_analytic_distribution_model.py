from odoo import api, models


class AccountAnalyticDistributionModel(models.Model):
    _inherit = "account.analytic.distribution.model"

    @api.model
    def _get_applicable_models(self, vals):
        if self.env.context.get("dealer_portal_no_distribution_model"):
            return self.browse()
        return super()._get_applicable_models(vals)
