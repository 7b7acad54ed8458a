from odoo import fields, models


class DealerLevel(models.Model):
    _inherit = "dealer.level"

    pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Level Price List",
        ondelete="restrict",
        help="Prices of every dealer of this level when no dealer-specific price applies "
        "(e.g. list price -12%, fixed prices per product, quantity breaks). "
        "Empty: the company's list price.",
    )
    assortment_rule_ids = fields.One2many("dealer.assortment.rule", "level_id", string="Authorised Assortment")

    def write(self, vals):
        res = super().write(vals)
        if "pricelist_id" in vals:
            self.partner_ids._dealer_sync_pricelist()
        return res
