from odoo import fields, models


class DealerRebateAdjustment(models.Model):
    _name = "dealer.rebate.adjustment"
    _description = "Dealer Rebate Adjustment"
    _order = "create_date desc, id desc"

    program_id = fields.Many2one("dealer.rebate.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    dealer_id = fields.Many2one("res.partner", required=True, index=True, ondelete="restrict")
    origin_period_start = fields.Date(string="Period Start", required=True)
    origin_period_end = fields.Date(string="Period End", required=True)
    amount = fields.Monetary(
        required=True, help="Negative: rebate to claw back after returns in a period already settled."
    )
    is_carry_over = fields.Boolean(
        string="Carried Over", help="Balance left when a settlement had more to claw back than to pay."
    )
    settlement_id = fields.Many2one(
        "dealer.rebate.settlement",
        string="Taken Into",
        index=True,
        ondelete="set null",
        help="The settlement that includes this adjustment; empty until the next settlement.",
    )
