from odoo import fields, models


class DealerApiKeyGenerate(models.TransientModel):
    """Generate a dealer's API key and show it once."""

    _name = "dealer.api.key.generate"
    _description = "Generate a Dealer API Key"

    dealer_id = fields.Many2one("res.partner", required=True, domain=[("is_dealer", "=", True)])
    name = fields.Char(string="Description", required=True, help="What the key is for, e.g. the dealer's ERP.")
    key = fields.Char(readonly=True)

    def action_generate(self):
        self.ensure_one()
        _record, key = self.env["dealer.api.key"]._generate(self.dealer_id, self.name)
        self.key = key
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("dealer_channel_inventory.dealer_api_key_generate_view_form_show").id, "form")],
            "target": "new",
        }
