from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.tools import float_compare

from .product_pricelist import batch_key, get_pricing_batch, pricing_batch


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    dealer_price_rule = fields.Char(
        string="Price Rule",
        compute="_compute_dealer_price_rule",
        store=True,
        readonly=True,
        copy=False,
        help="The rule of the dealer's price lists that produced the unit price when it was last computed.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("product_id", "product_uom", "product_uom_qty", "order_id.pricelist_id")
    def _compute_dealer_price_rule(self):
        dealer_lines = self.filtered(
            lambda line: (
                line.order_id.partner_id.dealer_id
                and line.product_id
                and not line.display_type
                and line.order_id.pricelist_id
            )
        )
        (self - dealer_lines).dealer_price_rule = False
        # The rule Odoo prices the line with (pricelist_item_id, found once with the price), explained.
        with dealer_lines._dealer_pricing_batch() as batch:
            for line in batch:
                product, kwargs = line._dealer_price_arguments()
                item = line.pricelist_item_id
                if item and item.pricelist_id != line.order_id.pricelist_id:
                    # Found before the order changed price list: ask the order's price list.
                    item = item.browse(line.order_id.pricelist_id._get_product_rule(product, **kwargs))
                line.with_env(self.env).dealer_price_rule = line._dealer_explain_rule(
                    item.with_prefetch(line._dealer_batch_rule_ids()), product, kwargs
                )

    def _compute_pricelist_item_id(self):
        with self._dealer_pricing_batch() as lines:
            return super(SaleOrderLine, lines)._compute_pricelist_item_id()

    def _compute_price_unit(self):
        with self._dealer_pricing_batch() as lines:
            return super(SaleOrderLine, lines)._compute_price_unit()

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("product_id", "order_id")
    def _check_dealer_authorised(self):
        lines = self.filtered(lambda line: line.product_id and line.order_id.partner_id.dealer_id)
        for partner in lines.order_id.partner_id:
            partner._dealer_check_authorised(
                lines.filtered(lambda line, p=partner: line.order_partner_id == p).product_id
            )

    # ------------------------------------------------------------
    # PRICING
    # ------------------------------------------------------------

    def _dealer_get_current_prices(self):
        """What the order's price list gives each line now: {line: (unit price, explanation)}.

        Uses Odoo's own price list rules (the same ones the line's price comes
        from); the rules are fetched once per price list for all the lines.
        """
        lines = self.filtered(lambda line: line.product_id and not line.display_type and line.order_id.pricelist_id)
        result = {}
        with lines._dealer_pricing_batch() as batch:
            for line in batch:
                result[line.with_env(self.env)] = line._dealer_compute_price()
        return result

    @contextmanager
    def _dealer_pricing_batch(self):
        """These lines in a context where each price list's rules are searched once for all their products.

        Only lines priced by a dealer's or a level's price list need it: the others are left as they are."""
        if not any(self.order_id.pricelist_id.mapped("is_dealer_pricelist")):
            yield self
            return
        with pricing_batch(self, self.product_id) as lines:
            batch = get_pricing_batch(lines.env)
            if batch is not None:
                batch.setdefault("lines", lines)
            yield lines

    def _dealer_compute_price(self):
        """(price, explanation) of this line from its order's price list, without taxes."""
        self.ensure_one()
        product, kwargs = self._dealer_price_arguments()
        item = (
            self.env["product.pricelist.item"]
            .browse(self.order_id.pricelist_id._get_product_rule(product, **kwargs))
            .with_prefetch(self._dealer_batch_rule_ids())
        )
        price = item._compute_price(product, currency=self.currency_id, **kwargs)
        return price, self._dealer_explain_rule(item, product, kwargs)

    def _dealer_price_arguments(self):
        """(product, keyword arguments) with which Odoo prices this line from its price list."""
        self.ensure_one()
        product = self.product_id.with_context(**self._get_product_price_context())
        kwargs = {"quantity": self.product_uom_qty or 1.0, "uom": self.product_uom, "date": self.order_id.date_order}
        return product, kwargs

    def _dealer_batch_rule_ids(self):
        """Every rule fetched in the current pricing batch, to read them all at once."""
        batch = get_pricing_batch(self.env)
        return tuple({rule_id for ids in batch["rules"].values() for rule_id in ids}) if batch else ()

    def _dealer_explain_rule(self, item, product, kwargs):
        """Follow the chain of price lists down to the rule that decided the price."""
        Item = self.env["product.pricelist.item"]
        while item and item.compute_price == "formula" and item.base == "pricelist" and item.base_pricelist_id:
            if item.price_discount or item.price_surcharge or item.price_round:
                break
            base = item.base_pricelist_id
            inner = Item.browse(self._dealer_base_rule(base, product, kwargs)).with_prefetch(
                self._dealer_batch_rule_ids()
            )
            if not inner:
                return _("%(pricelist)s: list price", pricelist=base.display_name)
            item = inner
        if not item or item._dealer_is_plain_list_price():
            return _("Company list price")
        if item.dealer_price_id:
            return item._dealer_explain(product)
        return _(
            "%(pricelist)s: %(rule)s",
            pricelist=item.pricelist_id.display_name,
            rule=item._dealer_explain(product),
        )

    def _dealer_base_rule(self, base, product, kwargs):
        """The rule of price list ``base`` for ``product`` (Odoo's _get_product_rule). In a
        pricing batch of order lines, the rule is found at once for the products of every
        line priced with the same quantity, unit, date and product context."""
        batch = get_pricing_batch(self.env)
        lines = batch and batch.get("lines")
        key = batch_key(base.id, kwargs["quantity"], kwargs["uom"].id, kwargs["date"])
        if not lines or key is None:
            return base._get_product_rule(product, **kwargs)
        known = batch.setdefault("base_rules", {}).setdefault(key, [])
        for context, rules in known:
            if product.id in rules and context == product.env.context:
                return rules[product.id]
        product_ids = {product.id: True}
        for line in lines:
            line_product, line_kwargs = line._dealer_price_arguments()
            if line_kwargs == kwargs and line_product.env.context == product.env.context:
                product_ids[line_product.id] = True
        found = base._compute_price_rule(
            product.browse(list(product_ids)).with_prefetch(lines.product_id._prefetch_ids),
            kwargs["quantity"],
            uom=kwargs["uom"],
            date=kwargs["date"],
            compute_price=False,
        )
        known.append((product.env.context, {product_id: rule_id for product_id, (_price, rule_id) in found.items()}))
        return found[product.id][1]

    def _dealer_price_differs(self, expected):
        self.ensure_one()
        digits = self.env["decimal.precision"].precision_get("Product Price")
        effective = self.price_unit * (1 - (self.discount or 0.0) / 100.0)
        return float_compare(effective, expected, precision_digits=digits) != 0
