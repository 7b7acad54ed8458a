import uuid
from contextlib import contextmanager

from odoo import fields, models

BATCH_KEY = "dealer_pricing_batch"


@contextmanager
def pricing_batch(records, products, catalog=False):
    """``records`` in a context where price lists look their rules up once for all ``products``.

    Inside the batch, a price list asked for the rules of some of these products searches
    the rules of all of them at once (once per price list and date), then Odoo matches
    them per product in memory as usual, so the result is the one Odoo gives product by
    product. A ``catalog`` batch prices every product with the same quantity, unit, date
    and currency (a price list asked for many products at once): a rule based on another
    price list then has that price list price every product of the batch in one pass,
    instead of once per product.

    Batches do not nest: inside one, ``records`` is returned unchanged.
    """
    if get_pricing_batch(records.env) or len(products) < 2:
        yield records
        return
    token = uuid.uuid4().hex
    batches = records.env.cr.cache.setdefault(BATCH_KEY, {})
    batches[token] = {
        "products": products,
        "ids": frozenset(products.ids),
        "catalog": catalog,
        "rules": {},
        "prices": {},
    }
    try:
        yield records.with_context(**{BATCH_KEY: token})
    finally:
        batches.pop(token, None)


def get_pricing_batch(env):
    """The pricing batch ``env`` runs in (see ``pricing_batch``), or None."""
    token = env.context.get(BATCH_KEY)
    return env.cr.cache.get(BATCH_KEY, {}).get(token) if token else None


def _batch_key(*values, **kwargs):
    """A hashable key of a price list call, or None when an argument is not hashable."""
    key = (*values, tuple(sorted(kwargs.items())))
    try:
        hash(key)
    except TypeError:
        return None
    return key


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    dealer_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The dealer whose agreed prices this price list holds (created automatically).",
    )

    def _compute_price_rule(  # noqa: PLR0917 - Odoo's signature
        self, products, quantity, currency=None, uom=None, date=False, compute_price=True, **kwargs
    ):
        # Pricing many products at once (a catalog page, a price list report) runs in a
        # catalog batch: the rules of every price list of the chain (the dealer's, its
        # level's...) are searched once, and each base price list prices all the products
        # in one pass (see pricing_batch).
        batch = get_pricing_batch(self.env)
        if self and len(products) > 1 and not batch:
            with pricing_batch(self, products, catalog=True) as pricelist:
                return super(ProductPricelist, pricelist)._compute_price_rule(
                    products, quantity, currency=currency, uom=uom, date=date, compute_price=compute_price, **kwargs
                )
        if self and batch and batch["catalog"] and len(products) == 1 and date:
            prices = self._dealer_batch_prices(
                batch, products, quantity, currency=currency, uom=uom, date=date, compute_price=compute_price, **kwargs
            )
            if prices is not None:
                return {products.id: prices[products.id]}
        return super()._compute_price_rule(
            products, quantity, currency=currency, uom=uom, date=date, compute_price=compute_price, **kwargs
        )

    def _dealer_batch_prices(self, batch, product, quantity, *, currency, uom, date, **kwargs):
        """Odoo's result for every product of a catalog batch, computed once, or None if
        ``product`` is priced differently from the batch's products (another record
        context, another unit)."""
        catalog = batch["products"]
        if (
            product._name != catalog._name
            or product.id not in batch["ids"]
            or product.env.context != catalog.env.context
            or (uom and uom != product.uom_id)
        ):
            return None
        # Without a unit, Odoo prices each product in its own unit: the same as its own unit given.
        key = _batch_key(self.id, quantity, currency and currency.id, date, **kwargs)
        if key is None:
            return None
        if key not in batch["prices"]:
            batch["prices"][key] = self._compute_price_rule(catalog, quantity, currency=currency, date=date, **kwargs)
        return batch["prices"][key]

    def _get_applicable_rules(self, products, date, **kwargs):
        # Within a pricing batch the rules of a price list are searched once for every
        # product of the batch, then matched per product in memory by _is_applicable_for.
        batch = get_pricing_batch(self.env)
        if not (self and batch and products._name == batch["products"]._name and batch["ids"].issuperset(products.ids)):
            return super()._get_applicable_rules(products, date, **kwargs)
        key = _batch_key(self.id, date, **kwargs)
        if key is None:
            return super()._get_applicable_rules(products, date, **kwargs)
        if key not in batch["rules"]:
            batch_products = products.browse(batch["products"].ids)
            batch["rules"][key] = super()._get_applicable_rules(batch_products, date, **kwargs).ids
        return self.env["product.pricelist.item"].browse(batch["rules"][key])
