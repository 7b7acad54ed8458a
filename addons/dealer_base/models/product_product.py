from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _dealer_availability(self, dealer):
        """{product id: {state, qty, expected_date}} of these products for ``dealer``, batched.

        ``state`` is 'in_stock', 'low' or 'out' when a stock module knows it, 'unknown' otherwise;
        ``qty`` is the quantity available to the dealer, or None when unknown; ``expected_date`` the
        date of the next receipt, or False. Without a stock module nothing is known: callers show no
        badge and check no quantity. A stock module overrides this method (the caller checks that
        the current user may see ``dealer``; portal callers pass a sudo()-ed recordset).
        """
        return {product.id: {"state": "unknown", "qty": None, "expected_date": False} for product in self}
