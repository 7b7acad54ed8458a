import math

from odoo import _, models
from odoo.exceptions import UserError

# Above this a top-up is refused (company currency); the brand may change it with the system
# parameter below.
TOPUP_MAX_AMOUNT = 1_000_000.0
TOPUP_MAX_PARAM = "dealer_payment.topup_max_amount"
TOPUP_IN_PROGRESS_STATES = ("draft", "pending", "authorized")
TOPUPS_SHOWN = 20


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _dealer_topup_max_amount(self):
        value = self.env["ir.config_parameter"].sudo().get_param(TOPUP_MAX_PARAM)
        try:
            maximum = float(value) if value else TOPUP_MAX_AMOUNT
        except ValueError:
            maximum = TOPUP_MAX_AMOUNT
        return maximum if math.isfinite(maximum) and maximum > 0 else TOPUP_MAX_AMOUNT

    def _dealer_topup_parse_amount(self, value, currency):
        """The amount a dealer asked to top up, checked: a finite number above zero, with at most
        the currency's decimals, not above the maximum. Raises UserError with the reason."""
        text = str(value if value is not None else "").strip().replace(",", "")
        try:
            amount = float(text)
        except ValueError:
            raise UserError(_("Enter the amount to top up as a number, such as 5000.00.")) from None
        if not math.isfinite(amount):
            raise UserError(_("Enter the amount to top up as a number, such as 5000.00."))
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("The amount to top up must be above zero."))
        if currency.round(amount) != amount:
            raise UserError(_("The amount to top up has at most %s decimals.", currency.decimal_places))
        maximum = self._dealer_topup_max_amount()
        if currency.compare_amounts(amount, maximum) > 0:
            raise UserError(_("A top-up is at most %s: split a larger amount.", currency.format(maximum)))
        return amount

    def _dealer_topup_transactions(self, company, limit=TOPUPS_SHOWN):
        """The dealer's recent top-up transactions in company, newest first (sudo: portal users
        cannot read transactions)."""
        self.ensure_one()
        return (
            self.env["payment.transaction"]
            .sudo()
            .search(
                [
                    ("dealer_topup_partner_id", "=", self.commercial_partner_id.id),
                    ("company_id", "=", company.id),
                    ("state", "!=", "draft"),
                ],
                order="id desc",
                limit=limit,
            )
        )

    def _dealer_topups_in_progress(self, company):
        """Top-ups paid or being paid whose money is not in the deposit yet."""
        return self._dealer_topup_transactions(company, limit=None).filtered(
            lambda tx: tx.state in ("pending", "authorized") or (tx.state == "done" and not tx.payment_id)
        )
