from odoo import fields, models


class DealerApiKeyActingUser(models.TransientModel):
    """Choose the portal user of the dealer as whom a dealer key places orders."""

    _name = "dealer.api.key.acting.user"
    _description = "Set the Portal User of a Dealer API Key"

    key_id = fields.Many2one("dealer.api.key", required=True, ondelete="cascade")
    dealer_id = fields.Many2one(related="key_id.dealer_id")
    user_id = fields.Many2one(
        "res.users",
        string="Acts As",
        domain="[('share', '=', True), ('partner_id.commercial_partner_id', '=', dealer_id)]",
        help="Empty: the dealer's administrator.",
    )

    def action_apply(self):
        self.ensure_one()
        self.key_id._dealer_portal_set_user(self.user_id)
        return {"type": "ir.actions.act_window_close"}
