from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_is_overdue = fields.Boolean(string="Overdue", compute="_compute_dealer_is_overdue")
    dealer_transfer_reference = fields.Char(
        string="Declared Transfer Reference",
        copy=False,
        readonly=True,
        tracking=True,
        help="Bank transfer reference given by the dealer in the portal, to be matched with the bank statement.",
    )

    def _compute_dealer_is_overdue(self):
        today = fields.Date.context_today(self)
        for move in self:
            move.dealer_is_overdue = bool(
                move.is_invoice(include_receipts=True)
                and move.move_type in ("out_invoice", "out_receipt")
                and move.state == "posted"
                and move.payment_state in ("not_paid", "partial")
                and move.invoice_date_due
                and move.invoice_date_due < today
            )

    # ------------------------------------------------------------
    # PORTAL PAYMENTS
    # ------------------------------------------------------------

    def _dealer_portal_check_payable(self):
        """The invoice belongs to the current user's dealer, who has the accountant role, and is open."""
        self.ensure_one()
        self.env["dealer.user.role"]._dealer_check_role("accountant")
        dealer = self.env.user.partner_id.dealer_id
        # The ownership check itself: read with sudo, only to compare with the user's dealer.
        invoice_sudo = self.sudo()
        if not dealer or invoice_sudo.commercial_partner_id != dealer:
            raise AccessError(_("This invoice is not one of yours."))
        if (
            invoice_sudo.move_type != "out_invoice"
            or invoice_sudo.state != "posted"
            or invoice_sudo.payment_state not in ("not_paid", "partial")
        ):
            raise UserError(_("Invoice %s is not open for payment.", invoice_sudo.name))

    def _dealer_portal_pay_from_deposit(self):
        """The dealer's accountant pays this invoice from the deposit in the portal."""
        self._dealer_portal_check_payable()
        return self.sudo()._dealer_pay_invoice_from_deposit()

    def _dealer_pay_invoice_from_deposit(self):
        """Pay the open amount of this invoice from the dealer's deposit (预存款).

        The dealer's row is locked first (as for every deposit payment), the
        balance can never go below zero, and the invoice is reconciled with
        the dealer's deposit payments when they still hold open credit.
        Callers check access first (the portal: _dealer_portal_check_payable).
        """
        self.ensure_one()
        invoice_sudo = self.sudo()
        dealer = invoice_sudo.commercial_partner_id
        company = invoice_sudo.company_id
        currency = company.currency_id
        orders = invoice_sudo.line_ids.sale_line_ids.order_id
        if orders.dealer_deposit_move_ids:
            raise UserError(
                _(
                    "The order of invoice %s was already paid from the deposit: the brand matches it with the invoice.",
                    self.sudo().name,
                )
            )
        dealer._dealer_lock_deposit()
        invoice_sudo.invalidate_recordset(["amount_residual", "payment_state"])
        amount = invoice_sudo.amount_residual_signed
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("Invoice %s has nothing left to pay.", self.sudo().name))
        balance = dealer._dealer_deposit_balance_locked(company)
        if currency.compare_amounts(amount, balance) > 0:
            raise UserError(
                _(
                    "Your deposit holds %(balance)s: invoice %(invoice)s (%(amount)s) cannot be paid from it.",
                    balance=currency.format(balance),
                    invoice=self.sudo().name,
                    amount=currency.format(amount),
                )
            )
        deposit_move_sudo = (
            self.env["dealer.deposit.move"]
            .sudo()
            .create(
                {
                    "partner_id": dealer.id,
                    "company_id": company.id,
                    "amount": -amount,
                    "invoice_id": invoice_sudo.id,
                    "name": _("Payment of %s", self.sudo().name),
                }
            )
        )
        invoice_sudo._dealer_reconcile_with_deposit()
        invoice_sudo.message_post(
            body=_(
                "%(amount)s paid from the dealer's deposit by %(user)s.",
                amount=currency.format(amount),
                user=self.env.user.name,
            )
        )
        return deposit_move_sudo

    def _dealer_reconcile_with_deposit(self):
        """Match the invoice with the open credit of the dealer's deposit payments."""
        self.ensure_one()
        receivable = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
        )
        if not receivable:
            return
        credits = self.env["account.move.line"].search(
            [
                ("payment_id.is_dealer_deposit", "=", True),
                ("partner_id.commercial_partner_id", "=", self.commercial_partner_id.id),
                ("account_id", "in", receivable.account_id.ids),
                ("reconciled", "=", False),
                ("parent_state", "=", "posted"),
                ("balance", "<", 0),
                ("company_id", "=", self.company_id.id),
            ],
            order="date, id",
        )
        for credit in credits:
            if receivable.reconciled:
                break
            (receivable | credit).reconcile()

    def _dealer_portal_offers_transfer_declaration(self):
        """Hook: whether the invoice page offers the form declaring a bank transfer (True here).

        A module giving the dealer another way to report a transfer (a payment
        provider's transfer instructions and reference) overrides it.
        """
        self.ensure_one()
        return True

    def _dealer_portal_declare_transfer(self, reference):
        """The dealer declares a bank transfer for this invoice; the accountant matches it."""
        self._dealer_portal_check_payable()
        if not self._dealer_portal_offers_transfer_declaration():
            raise UserError(_("Pay this invoice by bank transfer through the payment form of its page."))
        reference = (reference or "").strip()
        if not reference:
            raise UserError(_("Give the reference of your bank transfer."))
        if len(reference) > 64:
            raise UserError(_("The bank transfer reference is too long (64 characters at most)."))
        invoice_sudo = self.sudo()
        invoice_sudo.dealer_transfer_reference = reference
        invoice_sudo.message_post(
            body=_("Bank transfer declared by %(user)s, reference %(ref)s.", user=self.env.user.name, ref=reference)
        )
        responsible = invoice_sudo.commercial_partner_id.user_id or invoice_sudo.invoice_user_id
        invoice_sudo.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Match the dealer's bank transfer %s", reference),
            user_id=responsible.id or self.env.ref("base.user_admin").id,
        )
        return True


class DealerDepositMove(models.Model):
    _inherit = "dealer.deposit.move"

    invoice_id = fields.Many2one("account.move", index="btree_not_null", ondelete="restrict")
