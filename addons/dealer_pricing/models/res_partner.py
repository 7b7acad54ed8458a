from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    dealer_pricelist_id = fields.Many2one(
        "product.pricelist",
        string="Dealer Price List",
        readonly=True,
        copy=False,
        ondelete="set null",
        help="Holds this dealer's agreed prices and falls back to its level's price list. "
        "It is the dealer's price list on every order.",
    )
    dealer_price_ids = fields.One2many("dealer.price", "dealer_id", string="Dealer Prices")
    dealer_assortment_rule_ids = fields.One2many("dealer.assortment.rule", "dealer_id", string="Authorised Assortment")

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners.filtered("is_dealer")._dealer_sync_pricelist()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if {"is_dealer", "dealer_level_id", "company_id"} & set(vals):
            self.filtered("is_dealer")._dealer_sync_pricelist()
        return res

    # ------------------------------------------------------------
    # PRICING
    # ------------------------------------------------------------

    def _prepare_dealer_pricelist_vals(self):
        self.ensure_one()
        level_pricelist = self.dealer_level_id.pricelist_id
        return {
            "name": _("Dealer %(code)s %(name)s", code=self.dealer_code or "", name=self.name),
            "dealer_id": self.id,
            "company_id": (self.company_id or level_pricelist.company_id).id,
            "currency_id": (
                level_pricelist.currency_id or self.company_id.currency_id or self.env.company.currency_id
            ).id,
        }

    def _prepare_dealer_fallback_item_vals(self):
        """The last rule of the dealer's price list: its level's price list, else the list price."""
        self.ensure_one()
        level_pricelist = self.dealer_level_id.pricelist_id
        return {
            "applied_on": "3_global",
            "compute_price": "formula",
            "base": "pricelist" if level_pricelist else "list_price",
            "base_pricelist_id": level_pricelist.id,
            "price_discount": 0.0,
        }

    def _dealer_sync_pricelist(self):
        """Give each dealer its own price list, falling back to its level's, and make it the dealer's."""
        Pricelist = self.env["product.pricelist"].sudo()
        for dealer in self.sudo().filtered(lambda p: p.is_dealer and not p.parent_id):
            pricelist = dealer.dealer_pricelist_id
            fallback_vals = dealer._prepare_dealer_fallback_item_vals()
            if not pricelist:
                pricelist = Pricelist.create(
                    dict(dealer._prepare_dealer_pricelist_vals(), item_ids=[Command.create(fallback_vals)])
                )
                dealer.dealer_pricelist_id = pricelist
            else:
                fallback = pricelist.item_ids.filtered(lambda i: i.applied_on == "3_global" and not i.dealer_price_id)[
                    :1
                ]
                # Unlink the old level first: its company may differ from the new one.
                fallback.write({"base": "list_price", "base_pricelist_id": False})
                pricelist.write(dealer._prepare_dealer_pricelist_vals())
                if fallback:
                    fallback.write(fallback_vals)
                else:
                    pricelist.item_ids = [Command.create(fallback_vals)]
            companies = pricelist.company_id or (dealer.dealer_level_id.pricelist_id.company_id | self.env.company)
            for company in companies:
                # Written through the public field so the dealer's contacts follow (commercial field).
                # The stored property is compared: the public one reads the dealer's price list
                # even where Odoo stores none (see product.pricelist._get_partner_pricelist_multi).
                if dealer.with_company(company).specific_property_product_pricelist != pricelist:
                    dealer.with_company(company).property_product_pricelist = pricelist

    # ------------------------------------------------------------
    # AUTHORISED ASSORTMENT
    # ------------------------------------------------------------

    def _dealer_get_assortment_rules(self):
        self.ensure_one()
        dealer = self.dealer_id.sudo()
        return (
            self.env["dealer.assortment.rule"]
            .sudo()
            .search(
                [
                    "|",
                    ("dealer_id", "=", dealer.id),
                    "&",
                    ("level_id", "!=", False),
                    ("level_id", "=", dealer.dealer_level_id.id),
                ]
            )
        )

    def _dealer_get_unauthorised(self, products):
        """The products among products that this partner's dealer may not buy."""
        self.ensure_one()
        if not self.dealer_id:
            return products.browse()
        rules = self._dealer_get_assortment_rules()
        if not rules:
            return products.browse()
        whitelist = "include" in rules.mapped("rule_type")
        refused = products.browse()
        for product in products:
            matching = rules.filtered(lambda r, p=product: r._matches(p))
            if matching:
                rule = min(matching, key=lambda r, p=product: r._get_specificity(p))
                allowed = rule.rule_type == "include"
            else:
                allowed = not whitelist
            if not allowed:
                refused |= product
        return refused

    def _dealer_check_authorised(self, products):
        """Raise when this partner's dealer may not buy one of products (called by orders, portal, imports)."""
        self.ensure_one()
        refused = self._dealer_get_unauthorised(products)
        if refused:
            raise ValidationError(
                _(
                    "%(dealer)s is not authorised to buy: %(products)s.",
                    dealer=self.dealer_id.name,
                    products=", ".join(refused.mapped("display_name")),
                )
            )
        return True
