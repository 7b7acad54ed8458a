from odoo import fields, models


class DealerPriceHistory(models.Model):
    _inherit = "dealer.price.history"

    api_key_id = fields.Many2one(
        "dealer.api.key",
        string="Through API Key",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        groups="dealer_base.group_dealer_manager",
        help="The integration key of the brand's system that made the change through the dealer API.",
    )
