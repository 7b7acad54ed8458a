from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    dealer_min_qty = fields.Float(
        string="Dealer Minimum Quantity",
        digits="Product Unit of Measure",
        help="Smallest quantity a dealer may order on one line (0: no minimum).",
    )
    dealer_pack_qty = fields.Float(
        string="Dealer Pack Size",
        digits="Product Unit of Measure",
        help="Dealers order this product in multiples of this quantity (0 or 1: any quantity).",
    )
