from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_price_outdated = fields.Boolean(
        string="Dealer Prices Outdated",
        compute="_compute_dealer_price_outdated",
        help="A quotation line's price no longer matches the dealer's current price rules.",
    )
    dealer_price_outdated_lines = fields.Char(compute="_compute_dealer_price_outdated")

    @api.depends("state", "order_line.price_unit", "order_line.discount", "order_line.product_uom_qty")
    def _compute_dealer_price_outdated(self):
        drafts = self.filtered(lambda o: o.state in ("draft", "sent") and o.partner_id.dealer_id)
        (self - drafts).dealer_price_outdated = False
        (self - drafts).dealer_price_outdated_lines = False
        current = drafts.order_line._dealer_get_current_prices()
        for order in drafts:
            outdated = order.order_line.filtered(
                lambda line: line in current and line._dealer_price_differs(current[line][0])
            )
            order.dealer_price_outdated = bool(outdated)
            order.dealer_price_outdated_lines = ", ".join(outdated.product_id.mapped("display_name")) or False

    @api.constrains("partner_id")
    def _check_dealer_authorised(self):
        # Moving a quotation to another customer must not carry products that dealer may not buy.
        self.order_line._check_dealer_authorised()

    def action_dealer_refresh_prices(self):
        """Reprice a dealer quotation from the current rules; a confirmed order never changes."""
        for order in self:
            if order.state not in ("draft", "sent"):
                raise UserError(_("Only quotations are repriced: %s is confirmed or cancelled.", order.name))
        self._recompute_prices()
        self.env.add_to_compute(self.order_line._fields["dealer_price_rule"], self.order_line)
        for order in self:
            order.message_post(body=_("Prices refreshed from the dealer's current price rules."))
        return True
