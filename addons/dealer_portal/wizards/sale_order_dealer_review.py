from odoo import fields, models


class SaleOrderDealerReview(models.TransientModel):
    _name = "sale.order.dealer.review"
    _description = "Decide on a Dealer Order under Review"

    order_id = fields.Many2one("sale.order", required=True, readonly=True)
    review_reasons = fields.Text(related="order_id.dealer_review_reasons")
    decision = fields.Selection([("approve", "Approve"), ("reject", "Reject")], required=True, default="reject")
    note = fields.Text(help="Required to reject: the dealer reads it.")

    def action_apply(self):
        self.ensure_one()
        self.order_id._dealer_review_decide(self.decision, self.note)
        return {"type": "ir.actions.act_window_close"}
