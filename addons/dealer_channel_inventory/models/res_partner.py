from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    channel_report_period = fields.Selection(
        [("week", "Weekly"), ("month", "Monthly")],
        string="Stock Reporting",
        default="week",
        help="How often the dealer reports its stock on hand and its sell-out to shops.",
    )
    channel_reminded_period_end = fields.Date(
        string="Stock Report Reminder Sent For",
        copy=False,
        readonly=True,
        help="End of the last period for which the dealer was reminded to report its stock.",
    )
    channel_api_key_ids = fields.One2many("dealer.api.key", "dealer_id", string="Dealer API Keys")

    def _channel_reported_products(self):
        """Products this dealer bought (confirmed orders of the last year) or already reported: the rows of
        its stock report grid, in one grouped read each."""
        self.ensure_one()
        dealer = self.commercial_partner_id
        since = fields.Date.subtract(fields.Date.context_today(self), years=1)
        bought = self.env["sale.order.line"]._read_group(
            [
                ("order_id.partner_id", "child_of", dealer.id),
                ("order_id.state", "=", "sale"),
                ("order_id.date_order", ">=", since),
                ("product_id", "!=", False),
                ("display_type", "=", False),
            ],
            ["product_id"],
        )
        reported = self.env["dealer.stock.report.line"]._read_group(
            [("dealer_id", "=", dealer.id), ("period_end", ">=", since)], ["product_id"]
        )
        products = self.env["product.product"]
        for (product,) in bought + reported:
            products |= product
        return products.filtered(lambda p: p.type != "service")
