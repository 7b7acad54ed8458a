from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # Written by the warehouse or by the brand's systems; shown to the dealer with its deliveries.
    dealer_carrier = fields.Char(string="Carrier", copy=False, help="Shown to the dealer with the tracking number.")
    dealer_tracking_ref = fields.Char(
        string="Tracking Number",
        copy=False,
        help="The carrier's tracking numbers of this delivery, separated by commas when it left in several parcels.",
    )
