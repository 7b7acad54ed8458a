import uuid

from odoo import fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _dealer_portal_prices(self, pricelist):
        """{product id: (unit price, [(break quantity, unit price)])} from pricelist, for the catalog.

        Odoo's price list engine prices every product (the number an order line
        gets); the rules of each price list in the chain are searched once for
        all these products (dealer_pricing's batch), so the queries do not grow
        with the number of products. Breaks list the quantities from which a
        lower price applies.
        """
        if not self or not pricelist:
            return {}
        token = uuid.uuid4().hex
        context = {"dealer_pricing_batch": (token, tuple(self.ids))}
        products = self.with_context(**context)
        pricelist = pricelist.with_context(**context)
        date = fields.Datetime.now()
        cache = self.env.cr.cache.setdefault("dealer_pricing_batch", {})
        try:
            base = pricelist._compute_price_rule(products, 1.0, date=date)
            rule_ids = {rule_id for ids in cache.get(token, {}).values() for rule_id in ids}
            rules = self.env["product.pricelist.item"].browse(rule_ids).with_prefetch(tuple(rule_ids))
            quantities = sorted({rule.min_quantity for rule in rules if rule.min_quantity > 1})
            result = {}
            for product in products:
                price = base[product.id][0]
                breaks = []
                last = price
                for qty in quantities:
                    if not any(rule.min_quantity == qty and rule._is_applicable_for(product, qty) for rule in rules):
                        continue
                    qty_price = pricelist._compute_price_rule(product, qty, date=date)[product.id][0]
                    if pricelist.currency_id.compare_amounts(qty_price, last) < 0:
                        breaks.append((qty, qty_price))
                        last = qty_price
                result[product.id] = (price, breaks)
            return result
        finally:
            cache.pop(token, None)
