from odoo import fields, models


class DealerApiKeyGenerate(models.TransientModel):
    """Generate an API key (a dealer's, or an integration key with its scopes) and show it once."""

    _name = "dealer.api.key.generate"
    _description = "Generate a Dealer API Key"

    key_type = fields.Selection(
        [("dealer", "Dealer"), ("integration", "Integration")], string="Type", required=True, default="dealer"
    )
    dealer_id = fields.Many2one("res.partner", domain=[("is_dealer", "=", True)])
    scope_ids = fields.Many2many("dealer.api.scope", string="Scopes")
    name = fields.Char(string="Description", required=True, help="What the key is for, e.g. the dealer's ERP.")
    expires_on = fields.Datetime(help="Leave empty for a key that does not expire.")
    key = fields.Char(readonly=True)

    def action_generate(self):
        self.ensure_one()
        Key = self.env["dealer.api.key"]
        if self.key_type == "dealer":
            _record, key = Key._generate(self.dealer_id, self.name, expires_on=self.expires_on)
        else:
            _record, key = Key._generate_integration(self.name, self.scope_ids, expires_on=self.expires_on)
        self.key = key
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("dealer_api.dealer_api_key_generate_view_form_show").id, "form")],
            "target": "new",
        }
