from odoo import models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    def _dealer_portal_break_quantities(self):
        """The minimum quantities above 1 of the rules of this price list and of the price
        lists it is based on (a dealer's agreed prices, then its level's), sorted: the
        quantities at which a catalog looks for a lower price."""
        self.ensure_one()
        Item = self.env["product.pricelist.item"].sudo()
        pricelists = seen = self.sudo()
        quantities = set()
        while pricelists:
            rules = Item.search_fetch(
                [("pricelist_id", "in", pricelists.ids)], ["min_quantity", "base", "base_pricelist_id"]
            )
            quantities.update(rule.min_quantity for rule in rules if rule.min_quantity > 1)
            pricelists = rules.filtered(lambda r: r.base == "pricelist").base_pricelist_id - seen
            seen |= pricelists
        return sorted(quantities)
