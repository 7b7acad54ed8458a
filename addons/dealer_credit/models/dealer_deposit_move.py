from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Who may read deposit movements (ir.model.access.csv): the one2many fields listing them on
# orders, partners and payments are restricted to them, so that everyone else reads those
# records as in Odoo.
DEPOSIT_READERS = (
    "base.group_portal,dealer_base.group_dealer_user,account.group_account_invoice,dealer_credit.group_credit_manager"
)


class DealerDepositMove(models.Model):
    _name = "dealer.deposit.move"
    _description = "Dealer Deposit Movement"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Description", required=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Dealer",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('is_dealer', '=', True)]",
    )
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount = fields.Monetary(required=True, help="Positive: money paid in; negative: money used for an order.")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    order_id = fields.Many2one("sale.order", index=True, ondelete="restrict", check_company=True)
    payment_id = fields.Many2one("account.payment", index=True, ondelete="restrict", check_company=True)

    @api.constrains("amount")
    def _check_amount(self):
        for move in self:
            if move.currency_id.is_zero(move.amount):
                raise ValidationError(_("A deposit movement needs a non-zero amount."))

    @api.constrains("partner_id")
    def _check_partner_is_commercial(self):
        for move in self:
            if move.partner_id != move.partner_id.commercial_partner_id:
                raise ValidationError(_("Deposits are kept on the dealer company, not on its contacts."))
