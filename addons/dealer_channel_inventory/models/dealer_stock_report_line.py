from odoo import fields, models


class DealerStockReportLine(models.Model):
    """One product of a dealer's stock report."""

    _name = "dealer.stock.report.line"
    _description = "Dealer Stock Report Line"
    _order = "period_start desc, product_id"

    report_id = fields.Many2one("dealer.stock.report", required=True, index=True, ondelete="cascade")
    dealer_id = fields.Many2one(related="report_id.dealer_id", store=True, index=True)
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    period_type = fields.Selection(related="report_id.period_type", store=True)
    period_start = fields.Date(related="report_id.period_start", store=True)
    period_end = fields.Date(related="report_id.period_end", store=True)
    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="restrict")
    onhand_qty = fields.Float(string="On Hand at Period End", digits="Product Unit of Measure", required=True)
    sold_qty = fields.Float(string="Sold Out", digits="Product Unit of Measure", required=True)
    available_qty = fields.Float(
        string="Available in Period",
        digits="Product Unit of Measure",
        help="Previous report's stock on hand plus the deliveries to the dealer during the period.",
    )
    has_available = fields.Boolean(help="The dealer had reported this product before, so its opening stock is known.")
    warning = fields.Char(readonly=True)

    _sql_constraints = [
        ("report_product_unique", "UNIQUE(report_id, product_id)", "A product appears once in a stock report."),
        ("quantities_positive", "CHECK(onhand_qty >= 0 AND sold_qty >= 0)", "Stock and sell-out cannot be negative."),
    ]

    def init(self):
        # The channel stock reads each dealer's latest lines per product and the recent sell-out.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS dealer_stock_report_line_dealer_product_end_idx
                ON dealer_stock_report_line (dealer_id, product_id, period_end DESC)
                INCLUDE (onhand_qty, sold_qty, period_start)
            """
        )
