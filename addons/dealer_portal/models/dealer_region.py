from odoo import fields, models


class DealerRegion(models.Model):
    _inherit = "dealer.region"

    dealer_address_keywords = fields.Char(
        string="Address Keywords",
        help="City or province names, separated by commas, that place a delivery address in this region "
        "(the region's own name always does). Orders delivered outside the dealer's region are held for review.",
    )

    def _dealer_address_keys(self):
        self.ensure_one()
        keys = {self.name.strip().lower()} if self.name else set()
        keys |= {
            k.strip().lower() for k in (self.dealer_address_keywords or "").replace("，", ",").split(",") if k.strip()
        }
        return keys
