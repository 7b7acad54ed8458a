from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    channel_rebate_amount = fields.Monetary(
        string="Rebate Accrued", compute="_compute_channel_scorecard", currency_field="channel_currency_id"
    )

    def _channel_scorecard_field_values(self, card):
        values = super()._channel_scorecard_field_values(card)
        values["channel_rebate_amount"] = card.get("rebate_amount", 0.0)
        return values

    def _channel_scorecard_extras(self, domain):
        """The rebate accrued and not settled yet: one grouped read for all these dealers."""
        extras = super()._channel_scorecard_extras(domain)
        accrual_sudo = self.env["dealer.rebate.accrual"].sudo()
        rebates = dict(accrual_sudo._read_group([*domain, ("state", "=", "open")], ["dealer_id"], ["amount:sum"]))
        for dealer in self:
            extras.setdefault(dealer.id, {}).update(has_rebate=True, rebate_amount=rebates.get(dealer, 0.0))
        return extras
