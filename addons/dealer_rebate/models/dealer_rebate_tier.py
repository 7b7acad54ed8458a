from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerRebateTier(models.Model):
    _name = "dealer.rebate.tier"
    _description = "Dealer Rebate Tier"
    _order = "program_id, threshold"

    program_id = fields.Many2one("dealer.rebate.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    threshold = fields.Float(
        required=True, digits="Product Price", help="Volume (amount or quantity) from which the rate applies."
    )
    rate = fields.Float(string="Rate (%)", required=True, digits=(16, 2))

    @api.constrains("threshold", "rate")
    def _check_threshold_rate(self):
        for tier in self:
            if tier.rate < 0 or tier.rate > 100:
                raise ValidationError(_("A rebate rate must be between 0%% and 100%%, not %s%%.", tier.rate))
            if tier.threshold < 0:
                raise ValidationError(_("A tier threshold cannot be negative."))

    @api.depends("threshold", "rate")
    def _compute_display_name(self):
        for tier in self:
            threshold = f"{tier.threshold:,.2f}"
            tier.display_name = _("≥ %(threshold)s → %(rate)s%%", threshold=threshold, rate=tier.rate)
