import uuid
from contextlib import contextmanager

from odoo import api, fields, models
from odoo.tools import SQL

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


def batch_key(*values, **kwargs):
    """A hashable key of a price list call, or None when an argument is not hashable."""
    key = (*values, tuple(sorted(kwargs.items())))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _rule_targets(rule, model="product.product"):
    """What a price list rule for one product or template names, as keys comparable with
    _rule_targets_of_variants/_templates; empty for a rule on a category or every product."""
    if rule.applied_on == "0_product_variant":
        if model == "product.template":
            return {("template", rule.product_id.product_tmpl_id.id)}
        return {("variant", rule.product_id.id)}
    if rule.applied_on == "1_product":
        return {("template", rule.product_tmpl_id.id)}
    return set()


def _quantity_in_product_uom(product, quantity, uom):
    """The quantity Odoo matches a product's price list rules with: in the product's own unit."""
    target_uom = uom or product.uom_id
    if target_uom != product.uom_id:
        return target_uom._compute_quantity(quantity, product.uom_id, raise_if_failure=False)
    return quantity


def _rule_targets_of_variants(product):
    return (("variant", product.id), ("template", product.product_tmpl_id.id))


def _rule_targets_of_templates(template):
    return (("template", template.id),)


def _product_targets(batch, products):
    """{product id: what a rule naming it names} for ``products`` of a batch, computed once per batch."""
    targets = batch.setdefault("targets", {}).setdefault(products._name, {})
    missing = [product for product in products if product.id not in targets]
    if missing:
        products_of = _rule_targets_of_variants if products._name == "product.product" else _rule_targets_of_templates
        targets.update((product.id, products_of(product)) for product in missing)
    return targets


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    dealer_id = fields.Many2one(
        "res.partner",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The dealer whose agreed prices this price list holds (created automatically).",
    )
    dealer_level_ids = fields.One2many("dealer.level", "pricelist_id", string="Dealer Levels")
    is_dealer_pricelist = fields.Boolean(
        string="Dealer Price List",
        compute="_compute_is_dealer_pricelist",
        store=True,
        help="A dealer's or a dealer level's price list. Only these are priced in dealer pricing "
        "batches; every other price list (the shop's, a retail customer's) is priced by Odoo as it is.",
    )

    @api.depends("dealer_id", "dealer_level_ids")
    def _compute_is_dealer_pricelist(self):
        for pricelist in self:
            pricelist.is_dealer_pricelist = bool(pricelist.dealer_id or pricelist.dealer_level_ids)

    def _get_partner_pricelist_multi(self, partner_ids):
        # A dealer's price list is the dealer's on every order, wherever the order is made: a
        # sales channel that keeps only its own price lists for its customers (an online shop
        # inside a request) would otherwise give the dealer and its contacts the channel's
        # prices. Other partners keep what Odoo gives them.
        # Odoo stores no partner-specific price list when the one chosen is the database's
        # default (a database whose first price list is a dealer's): the dealer's own price list
        # then comes from the dealer, when it belongs to the current company or to none.
        result = super()._get_partner_pricelist_multi(partner_ids)
        partners = self.env["res.partner"].with_context(active_test=False).browse(partner_ids)
        company = self.env.company
        for partner in partners:
            pricelist = partner.specific_property_product_pricelist
            if not pricelist:
                # Read as the system: a shop's visitor may not read its own company's fields.
                commercial_sudo = partner.commercial_partner_id.sudo()
                pricelist = commercial_sudo.dealer_pricelist_id
                if pricelist.company_id not in (company, company.browse()):
                    continue
            if pricelist.active and pricelist.is_dealer_pricelist:
                result[partner.id] = pricelist.with_env(self.env)
        return result

    def _dealer_batches(self):
        """Whether this price list is priced in dealer pricing batches (a dealer's or a level's)."""
        return len(self) == 1 and self.is_dealer_pricelist

    def _compute_price_rule(  # noqa: PLR0917 - Odoo's signature
        self, products, quantity, currency=None, uom=None, date=False, compute_price=True, **kwargs
    ):
        # Pricing many products at once (a catalog page, a price list report) runs in a
        # catalog batch: the rules of every price list of the chain (the dealer's, its
        # level's...) are searched once, and each base price list prices all the products
        # in one pass (see pricing_batch).
        batch = get_pricing_batch(self.env)
        if not self._dealer_batches():
            # Every other price list is priced by Odoo as it is.
            return super()._compute_price_rule(
                products, quantity, currency=currency, uom=uom, date=date, compute_price=compute_price, **kwargs
            )
        if len(products) > 1 and not batch:
            with pricing_batch(self, products, catalog=True) as pricelist:
                return pricelist._compute_price_rule(
                    products, quantity, currency=currency, uom=uom, date=date, compute_price=compute_price, **kwargs
                )
        if batch and len(products) > 1 and batch["ids"].issuperset(products.ids):
            # Odoo matches each product against every rule; the products that rules name
            # (agreed prices, fixed prices per product) are priced apart from the others, so
            # that each group only meets the rules that may apply to it (_get_applicable_rules).
            date = date or fields.Datetime.now()
            result = {}
            outer_group = batch.get("group")
            try:
                for group in self._dealer_split_named_products(products, date, **kwargs):
                    # A base price list asked for one of these products prices this group at once.
                    batch["group"] = frozenset(group.ids)
                    passed = {}
                    if compute_price:
                        passed = self._dealer_pass_through_prices(
                            batch, group, quantity, currency=currency, uom=uom, date=date, **kwargs
                        )
                        result.update(passed)
                    if passed:
                        rest = group.filtered(lambda product, passed=passed: product.id not in passed)
                        if not rest:
                            continue
                        group = rest.with_prefetch(group._prefetch_ids)  # noqa: PLW2901
                    result.update(
                        super()._compute_price_rule(
                            group,
                            quantity,
                            currency=currency,
                            uom=uom,
                            date=date,
                            compute_price=compute_price,
                            **kwargs,
                        )
                    )
            finally:
                batch["group"] = outer_group
            return {product.id: result[product.id] for product in products}
        if batch and batch["catalog"] and len(products) == 1 and date:
            prices = self._dealer_batch_prices(
                batch, products, quantity, currency=currency, uom=uom, date=date, compute_price=compute_price, **kwargs
            )
            if prices is not None:
                return {products.id: prices[products.id]}
        return super()._compute_price_rule(
            products, quantity, currency=currency, uom=uom, date=date, compute_price=compute_price, **kwargs
        )

    def _dealer_split_named_products(self, products, date, **kwargs):
        """``products`` in two groups: those no rule of this price list names, and the others."""
        product_targets = _product_targets(get_pricing_batch(self.env), products)
        targets = {
            target
            for rule in self._get_applicable_rules(products, date, **kwargs)
            for target in _rule_targets(rule, products._name)
        }
        named = products.filtered(lambda p: not targets.isdisjoint(product_targets[p.id]))
        # Both groups keep reading their fields together with all the products (one query each).
        return [group.with_prefetch(products._prefetch_ids) for group in (products - named, named) if group]

    def _dealer_pass_through_prices(self, batch, products, quantity, *, currency, uom, date, **kwargs):
        """Odoo's result for the ``products`` whose rule in this price list is its only one and
        passes a base price list's price through unchanged (a dealer's price list falling back
        to its level's), from the base price list's batch prices; {} when that is not the case.

        Odoo would evaluate that rule product by product, each asking the base price list for
        one price; the prices are the same, from the same base price list call.
        """
        rules = self._get_applicable_rules(products, date, **kwargs)
        if len(rules) != 1 or not rules._dealer_passes_through():
            return {}
        base = rules.base_pricelist_id
        currency = currency or self.currency_id or self.env.company.currency_id
        applicable = products.filtered(
            lambda product: rules._is_applicable_for(product, _quantity_in_product_uom(product, quantity, uom))
        ).with_prefetch(products._prefetch_ids)
        if len(applicable) < 2:
            return {}
        prices = base._dealer_batch_prices(
            batch, applicable[:1], quantity, currency=base.currency_id, uom=uom, date=date
        )
        if prices is None or not set(applicable.ids) <= prices.keys():
            return {}
        result = {}
        for product in applicable:
            price = prices[product.id][0]
            if base.currency_id != currency:
                price = base.currency_id._convert(price, currency, self.env.company, date, round=False)
            result[product.id] = (price or 0.0, rules.id)
        return result

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
        key = batch_key(self.id, quantity, currency and currency.id, date, **kwargs)
        if key is None:
            return None
        prices = batch["prices"].setdefault(key, {})
        if product.id not in prices:
            # Price at once the products not priced yet of the group that asks (see
            # _compute_price_rule: the products no agreed price names...), else of the catalog.
            group = batch.get("group")
            todo = (group if group and product.id in group else batch["ids"]) - prices.keys()
            if len(todo) < 2:
                return None  # Odoo prices a lone product itself, with the rules already searched.
            products = catalog.browse(sorted(todo)).with_prefetch(catalog._prefetch_ids)
            prices.update(self._compute_price_rule(products, quantity, currency=currency, date=date, **kwargs))
        return prices

    def _get_applicable_rules(self, products, date, **kwargs):
        # Within a pricing batch the rules of a price list are searched once for every
        # product of the batch, then matched per product in memory by _is_applicable_for.
        batch = get_pricing_batch(self.env)
        if not (
            self._dealer_batches()
            and batch
            and products._name == batch["products"]._name
            and batch["ids"].issuperset(products.ids)
        ):
            return super()._get_applicable_rules(products, date, **kwargs)
        key = batch_key(self.id, date, **kwargs)
        if key is None:
            return super()._get_applicable_rules(products, date, **kwargs)
        if key not in batch["rules"]:
            self._dealer_fetch_batch_rules(batch, products.browse(batch["products"].ids), date, **kwargs)
        rule_ids = batch["rules"][key]
        if len(products) < len(batch["ids"]):
            # The same group is asked several times (split, dealer's rules, base price list).
            for_products = batch.setdefault("rules_for", {})
            group_key = (key, frozenset(products.ids))
            if group_key not in for_products:
                for_products[group_key] = self._dealer_rules_for(batch, key, products)
            rule_ids = for_products[group_key]
        return self.env["product.pricelist.item"].browse(rule_ids)

    def _dealer_rules_for(self, batch, key, products):
        """The batch's rules that may apply to ``products``, in order: every rule but those
        naming other products or templates, which Odoo's _is_applicable_for always refuses."""
        index = batch.setdefault("index", {}).get(key)
        if index is None:
            rules = self.env["product.pricelist.item"].browse(batch["rules"][key])
            general, named = [], {}
            for position, rule in enumerate(rules):
                targets = _rule_targets(rule, products._name)
                if not targets:
                    general.append(position)
                for target in targets:
                    named.setdefault(target, []).append(position)
            index = batch["index"][key] = (general, named)
        general, named = index
        product_targets = _product_targets(batch, products)
        positions = set(general)
        for product_id in products.ids:
            for target in product_targets[product_id]:
                positions.update(named.get(target, ()))
        rule_ids = batch["rules"][key]
        return [rule_ids[position] for position in sorted(positions)]

    def _dealer_fetch_batch_rules(self, batch, products, date, **kwargs):
        """Search the rules of this price list for a batch, with those of the price lists its
        rules are based on (a dealer's price list and its level's) in the same search."""
        key = batch_key(self.id, date, **kwargs)
        domain = self._get_applicable_rules_domain(products=products, date=date, **kwargs)
        own = ("pricelist_id", "=", self.id)
        Item = self.env["product.pricelist.item"].with_context(active_test=False)
        if domain[:1] != [own]:
            batch["rules"][key] = Item.search(domain).ids
            return
        # This price list and the base price lists of its rules, as one sub-query that
        # PostgreSQL joins on the price list index (no scan of every price list's rules).
        pricelists = Item._search([own]).subselect(
            SQL(
                "unnest(ARRAY[%(pricelist)s, CASE WHEN %(base)s = 'pricelist' THEN %(base_pricelist)s END])",
                base=SQL.identifier(Item._table, "base"),
                base_pricelist=SQL.identifier(Item._table, "base_pricelist_id"),
                pricelist=SQL.identifier(Item._table, "pricelist_id"),
            )
        )
        rules = Item.search([("pricelist_id", "in", pricelists), *domain[1:]])
        by_pricelist = {}
        for rule in rules:
            by_pricelist.setdefault(rule.pricelist_id.id, []).append(rule.id)
        batch["rules"][key] = by_pricelist.get(self.id, [])
        # The price lists of the chain are read together (their currencies are needed next).
        self.browse(list(by_pricelist)).mapped("currency_id")
        # The rules of a base price list, in the search's order, are what searching them alone gives.
        for base in rules.filtered(lambda r: r.pricelist_id == self and r.base == "pricelist").base_pricelist_id:
            base_domain = base._get_applicable_rules_domain(products=products, date=date, **kwargs)
            if base_domain[:1] == [("pricelist_id", "=", base.id)] and base_domain[1:] == domain[1:]:
                batch["rules"].setdefault(batch_key(base.id, date, **kwargs), by_pricelist.get(base.id, []))
