from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _reconcile_plan_with_sync(self, plan_list, all_amls):
        # Every reconciliation (payment registered, outstanding credit assigned, bank matching)
        # goes through here: the dealers' invoices it pays in full raise order.paid.
        invoices = all_amls.move_id.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted" and move.partner_id.dealer_id
        )
        paid_before = {move.id for move in invoices if move.payment_state in ("paid", "in_payment")}
        result = super()._reconcile_plan_with_sync(plan_list, all_amls)
        if invoices:
            invoices._dealer_api_emit_paid(paid_before)
        return result
