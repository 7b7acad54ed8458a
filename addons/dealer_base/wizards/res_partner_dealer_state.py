from odoo import fields, models


class ResPartnerDealerState(models.TransientModel):
    """Ask for the reason of a suspension or of a rejected application."""

    _name = "res.partner.dealer.state"
    _description = "Dealer Status Change"

    partner_id = fields.Many2one("res.partner", string="Dealer", required=True, readonly=True)
    action = fields.Selection(
        [("suspend", "Suspend"), ("reject", "Reject Application")], required=True, default="suspend"
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if self.action == "suspend":
            self.partner_id._action_dealer_suspend(self.reason)
        else:
            self.partner_id._action_dealer_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
