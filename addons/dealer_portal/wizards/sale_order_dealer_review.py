from odoo import api, fields, models


class SaleOrderDealerReview(models.TransientModel):
    _name = "sale.order.dealer.review"
    _description = "Decide on a Dealer Order under Review"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    review_reasons = fields.Text(related="order_id.dealer_review_reasons")
    decision = fields.Selection([("approve", "Approve"), ("reject", "Reject")], required=True, default="reject")
    note = fields.Text(help="Required to reject (the dealer reads it) and to release a credit hold.")
    releases_credit = fields.Boolean(
        compute="_compute_releases_credit",
        help="Approving also releases the order's credit hold (the reviewer is a Credit Manager).",
    )

    @api.depends("order_id", "decision")
    def _compute_releases_credit(self):
        for wizard in self:
            wizard.releases_credit = wizard.decision == "approve" and wizard.order_id._dealer_review_releases_credit()

    def action_apply(self):
        self.ensure_one()
        result = self.order_id._dealer_review_decide(self.decision, self.note)
        return result if isinstance(result, dict) else {"type": "ir.actions.act_window_close"}
