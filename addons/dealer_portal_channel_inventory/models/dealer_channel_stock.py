from odoo import api, models
from odoo.tools import SQL


class DealerChannelStock(models.Model):
    _inherit = "dealer.channel.stock"

    @api.model
    def _get_rounding_sql(self):
        """Suggestions are rounded to the dealer minimum and pack size of the portal's products."""
        return SQL("COALESCE(pt.dealer_min_qty, 0)"), SQL("COALESCE(pt.dealer_pack_qty, 0)")
