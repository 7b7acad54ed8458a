from odoo import _, fields, models
from odoo.exceptions import UserError

from .dealer_deposit_move import DEPOSIT_READERS


class AccountPayment(models.Model):
    _inherit = "account.payment"

    is_dealer_deposit = fields.Boolean(
        string="Dealer Deposit",
        copy=False,
        help="The money goes to the dealer's deposit account (预存款), from which its orders can be paid.",
    )
    dealer_deposit_move_ids = fields.One2many(
        "dealer.deposit.move", "payment_id", string="Deposit Movements", groups=DEPOSIT_READERS
    )

    def _dealer_deposit_payments(self):
        return self.filtered(
            lambda p: p.is_dealer_deposit and p.payment_type == "inbound" and p.partner_type == "customer"
        )

    def action_post(self):
        result = super().action_post()
        Move = self.env["dealer.deposit.move"].sudo()
        vals_list = []
        for payment in self._dealer_deposit_payments().filtered(lambda p: p.state in ("in_process", "paid")):
            if not payment.partner_id:
                raise UserError(_("A deposit payment needs a dealer."))
            vals_list.append(
                {
                    "partner_id": payment.partner_id.commercial_partner_id.id,
                    "company_id": payment.company_id.id,
                    "amount": abs(payment.amount_company_currency_signed),
                    "payment_id": payment.id,
                    "date": payment.date,
                    "name": _("Deposit %s", payment.name),
                }
            )
        if vals_list:
            Move.create(vals_list)
        return result

    def action_draft(self):
        # Taking a deposit back must not leave the dealer with a negative balance.
        for payment in self._dealer_deposit_payments():
            in_deposit = sum(payment.sudo().dealer_deposit_move_ids.mapped("amount"))
            if payment.currency_id.is_zero(in_deposit):
                continue
            dealer = payment.partner_id.commercial_partner_id
            dealer._dealer_lock_deposit()
            balance = dealer._dealer_deposit_balance_locked(payment.company_id)
            if payment.company_id.currency_id.compare_amounts(balance, in_deposit) < 0:
                raise UserError(
                    _(
                        "Payment %(payment)s was already used from the deposit of %(dealer)s: it cannot be reset.",
                        payment=payment.name,
                        dealer=dealer.name,
                    )
                )
            self.env["dealer.deposit.move"].sudo().create(
                {
                    "partner_id": dealer.id,
                    "company_id": payment.company_id.id,
                    "amount": -in_deposit,
                    "payment_id": payment.id,
                    "name": _("Deposit %s reset to draft", payment.name),
                }
            )
        return super().action_draft()
