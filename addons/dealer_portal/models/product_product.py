from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _dealer_portal_search_domain(self, search):
        """Products whose name in the user's language or in English, reference or barcode matches
        search: a brand names its products in Chinese with English as a translation, and dealers
        search in either."""
        names = [("name", "ilike", search)]
        if (self.env.lang or "en_US") != "en_US":
            english = self.with_context(lang="en_US")._search([("name", "ilike", search)])
            names = ["|", *names, ("id", "in", english)]
        return ["|", "|", *names, ("default_code", "ilike", search), ("barcode", "=", search)]

    def _dealer_portal_prices(self, pricelist):
        """{product id: (unit price, [(break quantity, unit price)])} from pricelist, for the catalog.

        Odoo's price list engine prices every product (the number an order line
        gets): one call per break quantity for all these products, which
        dealer_pricing runs as a catalog batch (each price list's rules searched
        once), so the queries do not grow with the number of products. Breaks
        list the quantities from which a lower price applies.
        """
        if not self or not pricelist:
            return {}
        date = fields.Datetime.now()
        quantities = pricelist._dealer_portal_break_quantities()
        prices = {qty: pricelist._compute_price_rule(self, qty, date=date) for qty in [1.0, *quantities]}
        result = {}
        for product in self:
            price = last = prices[1.0][product.id][0]
            breaks = []
            for qty in quantities:
                qty_price = prices[qty][product.id][0]
                if pricelist.currency_id.compare_amounts(qty_price, last) < 0:
                    breaks.append((qty, qty_price))
                    last = qty_price
            result[product.id] = (price, breaks)
        return result
