from odoo import fields, models


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    dealer_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The dealer whose agreed prices this price list holds (created automatically).",
    )

    def _get_applicable_rules(self, products, date, **kwargs):
        # Within a pricing batch (see sale.order.line._dealer_get_current_prices) the
        # rules of a price list are searched once for every product of the batch,
        # then matched per product in memory by _is_applicable_for.
        batch = self.env.context.get("dealer_pricing_batch")
        if not (self and batch and products._name == "product.product" and set(products.ids) <= set(batch[1])):
            return super()._get_applicable_rules(products, date, **kwargs)
        cache = self.env.cr.cache.setdefault("dealer_pricing_batch", {}).setdefault(batch[0], {})
        key = (self.id, date)
        if key not in cache:
            batch_products = products.browse(batch[1])
            cache[key] = super()._get_applicable_rules(batch_products, date, **kwargs).ids
        return self.env["product.pricelist.item"].browse(cache[key])
