from odoo import models


class DealerPrice(models.Model):
    _inherit = "dealer.price"

    def _prepare_history_vals(self, change, before):
        vals = super()._prepare_history_vals(change, before)
        # Set by the API's bulk upsert: the change is recorded with the key that made it.
        key_id = self.env.context.get("dealer_api_pricing_key_id")
        if isinstance(key_id, int) and key_id:
            vals["api_key_id"] = key_id
        return vals
