import re

from odoo import fields, models

TRACKING_SEPARATORS = re.compile(r"[,;，；\s]+")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    # Written by the warehouse or by the brand's systems; shown to the dealer with its deliveries.
    dealer_carrier = fields.Char(string="Carrier", copy=False, help="Shown to the dealer with the tracking number.")
    dealer_tracking_ref = fields.Char(
        string="Tracking Number",
        copy=False,
        help="The carrier's tracking numbers of this delivery, separated by commas when it left in several parcels.",
    )

    def _dealer_tracking_numbers(self):
        """The tracking numbers of this delivery, in the order they were given."""
        self.ensure_one()
        return list(
            dict.fromkeys(number for number in TRACKING_SEPARATORS.split(self.dealer_tracking_ref or "") if number)
        )
