from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_rebate_settlement_id = fields.Many2one(
        "dealer.rebate.settlement",
        string="Rebate Settlement",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="The rebate settlement this credit note pays.",
    )

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        rebate_notes = posted.filtered("dealer_rebate_settlement_id")
        if rebate_notes:
            rebate_notes.dealer_rebate_settlement_id.sudo().state = "posted"
            rebate_notes._dealer_rebate_on_credit_note_posted(rebate_notes)
        self.env["dealer.rebate.program"]._dealer_rebate_recompute_for_moves(posted - rebate_notes)
        return posted

    def button_draft(self):
        res = super().button_draft()
        self._dealer_rebate_after_unpost("draft")
        return res

    def button_cancel(self):
        res = super().button_cancel()
        self._dealer_rebate_after_unpost("cancel")
        return res

    def _dealer_rebate_after_unpost(self, state):
        rebate_notes = self.filtered("dealer_rebate_settlement_id")
        if rebate_notes:
            rebate_notes.dealer_rebate_settlement_id.sudo().state = state
        self.env["dealer.rebate.program"]._dealer_rebate_recompute_for_moves(self - rebate_notes)

    def _dealer_rebate_on_credit_note_posted(self, moves):
        """Hook: a rebate credit note was posted (dealer_credit may move it to a deposit account)."""
        return None
