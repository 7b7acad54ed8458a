from odoo import fields, models


class DealerPriceHistory(models.Model):
    """Who changed which dealer price, when, from what to what. Written by dealer.price only."""

    _name = "dealer.price.history"
    _description = "Dealer Price Change"
    _order = "id desc"

    dealer_price_id = fields.Many2one("dealer.price", index=True, ondelete="set null")
    dealer_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    currency_id = fields.Many2one(related="company_id.currency_id")
    change_type = fields.Selection(
        [("create", "Created"), ("write", "Changed"), ("unlink", "Deleted")], string="Change", required=True
    )
    user_id = fields.Many2one("res.users", string="Changed By", required=True, default=lambda self: self.env.user)
    date = fields.Datetime(string="Changed On", required=True, default=fields.Datetime.now)
    old_price = fields.Monetary(currency_field="currency_id")
    new_price = fields.Monetary(currency_field="currency_id")
    min_quantity = fields.Float(string="Min. Quantity", digits="Product Unit of Measure")
    old_date_start = fields.Date(string="Old Valid From")
    old_date_end = fields.Date(string="Old Valid To")
    date_start = fields.Date(string="Valid From")
    date_end = fields.Date(string="Valid To")
