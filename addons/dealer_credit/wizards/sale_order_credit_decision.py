from odoo import fields, models


class SaleOrderCreditDecision(models.TransientModel):
    _name = "sale.order.credit.decision"
    _description = "Release or Reject an Order on Credit Hold"

    order_id = fields.Many2one("sale.order", required=True, readonly=True, ondelete="cascade")
    decision = fields.Selection([("release", "Release"), ("reject", "Reject")], required=True, default="release")
    credit_hold_reason = fields.Text(related="order_id.credit_hold_reason")
    note = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        if self.decision == "release":
            self.order_id.action_credit_release(self.note)
        else:
            self.order_id.action_credit_reject(self.note)
        return {"type": "ir.actions.act_window_close"}
