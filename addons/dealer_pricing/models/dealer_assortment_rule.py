from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerAssortmentRule(models.Model):
    """Which products or categories a dealer level or one dealer may buy.

    For a product and a dealer, the most specific matching rule decides: the
    dealer's own rules before its level's, a product before a category, a
    sub-category before its parent. Without a matching rule the product is
    authorised, unless the dealer or its level has include rules, which then
    list everything it may buy.
    """

    _name = "dealer.assortment.rule"
    _description = "Dealer Authorised Assortment Rule"
    _order = "dealer_id, level_id, product_id, categ_id, id"

    level_id = fields.Many2one("dealer.level", string="Dealer Level", index=True, ondelete="cascade")
    dealer_id = fields.Many2one("res.partner", index=True, ondelete="cascade", domain=[("is_dealer", "=", True)])
    rule_type = fields.Selection(
        [("include", "Authorised"), ("exclude", "Excluded")], string="Rule", required=True, default="exclude"
    )
    product_id = fields.Many2one("product.product", index=True, ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category", index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)

    @api.constrains("level_id", "dealer_id", "product_id", "categ_id")
    def _check_target(self):
        for rule in self:
            if bool(rule.level_id) == bool(rule.dealer_id):
                raise ValidationError(_("An assortment rule applies to either a dealer level or a dealer."))
            if bool(rule.product_id) == bool(rule.categ_id):
                raise ValidationError(_("An assortment rule names either a product or a product category."))

    @api.depends("rule_type", "product_id", "categ_id", "level_id", "dealer_id")
    def _compute_display_name(self):
        labels = dict(self._fields["rule_type"]._description_selection(self.env))
        for rule in self:
            target = rule.product_id.display_name or rule.categ_id.display_name or ""
            rule.display_name = f"{labels.get(rule.rule_type, '')}: {target}"

    def _get_specificity(self, product):
        """Sort key of a rule matching product: lower is more specific."""
        self.ensure_one()
        owner = 0 if self.dealer_id else 1
        if self.product_id:
            return (owner, 0, 0)
        depth = len(product.categ_id.parent_path.split("/")) - len(self.categ_id.parent_path.split("/"))
        return (owner, 1, depth)

    def _matches(self, product):
        self.ensure_one()
        if self.product_id:
            return self.product_id == product
        return product.categ_id.parent_path.startswith(self.categ_id.parent_path)
