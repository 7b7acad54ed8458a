from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        """A dealer order held by the brand's review or on credit hold is confirmed by its payment only
        when nothing but its credit held it (Odoo would confirm any quotation paid in full), and only
        by done payments covering its total (with the setting on): an authorized payment changes nothing.
        A cart or an order waiting for the dealer's own approver is never confirmed by a payment."""
        dealer_txs = self.filtered(lambda tx: len(tx.sale_order_ids) == 1 and tx.sale_order_ids.partner_id.dealer_id)
        unordered = dealer_txs.filtered(
            lambda tx: tx.sale_order_ids.dealer_cart_user_id or tx.sale_order_ids.dealer_approval_state == "waiting"
        )
        held = (dealer_txs - unordered).filtered(lambda tx: tx.sale_order_ids._dealer_payment_held())
        confirmed = super(PaymentTransaction, self - held - unordered)._check_amount_and_confirm_order()
        for tx in held:
            order = tx.sale_order_ids
            if tx.state == "done" and order._dealer_credit_is_paid() and order._dealer_payment_confirm_paid():
                confirmed |= order
        return confirmed
