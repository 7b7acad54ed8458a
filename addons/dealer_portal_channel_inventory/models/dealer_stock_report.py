from odoo import api, models


class DealerStockReport(models.Model):
    _inherit = "dealer.stock.report"

    @api.model
    def _get_unreportable_products(self, dealer, products):
        """A dealer reports only the products of its authorised assortment, as it orders only those."""
        return super()._get_unreportable_products(dealer, products) | dealer._dealer_get_unauthorised(products)
