from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"

    dealer_price_id = fields.Many2one("dealer.price", index="btree_not_null", ondelete="cascade", readonly=True)
    dealer_id = fields.Many2one(related="pricelist_id.dealer_id", store=True, index="btree_not_null")

    def write(self, vals):
        self._check_dealer_price_owned()
        return super().write(vals)

    def unlink(self):
        self._check_dealer_price_owned()
        return super().unlink()

    def _check_dealer_price_owned(self):
        # A dealer price has one source, its dealer.price row (with its history).
        if self.env.context.get("dealer_pricing_sync"):
            return
        owned = self.filtered("dealer_price_id")
        if owned:
            raise UserError(
                _(
                    "The price of %s is a dealer price: change it in Sales > Dealers > Dealer Prices.",
                    owned[0].dealer_price_id.product_id.display_name,
                )
            )

    def _dealer_is_plain_list_price(self):
        """Whether this rule just passes the product's list price on."""
        self.ensure_one()
        return (self.base or "list_price") == "list_price" and self._dealer_formula_is_identity()

    def _dealer_passes_through(self):
        """Whether this rule gives the price of its base price list unchanged."""
        self.ensure_one()
        return self.base == "pricelist" and bool(self.base_pricelist_id) and self._dealer_formula_is_identity()

    def _dealer_formula_is_identity(self):
        """Whether this rule is a formula that leaves its base price as it is."""
        return self.compute_price == "formula" and not any(
            (
                self.price_discount,
                self.price_surcharge,
                self.price_round,
                self.price_min_margin,
                self.price_max_margin,
            )
        )

    def _dealer_explain(self, product):
        """One line saying how this rule prices product (for the order line explanation)."""
        self.ensure_one()
        if self.dealer_price_id:
            return self.dealer_price_id._get_explanation()
        if self.compute_price == "fixed":
            text = _("fixed price %s", format_amount(self.env, self.fixed_price, self.currency_id))
        elif self.compute_price == "percentage":
            percent = f"{self.percent_price:g}"
            text = _("list price −%s%%", percent)
        else:
            text = _("formula %s", self.price or "")
        if self.min_quantity > 1:
            qty = f"{self.min_quantity:g}"
            text = _("%(rule)s, break ≥ %(qty)s units", rule=text, qty=qty)
        return text
