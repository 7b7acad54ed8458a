from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from .dealer_deposit_move import DEPOSIT_READERS

CREDIT_STATES = [
    ("none", "No Hold"),
    ("hold", "On Credit Hold"),
    ("released", "Released"),
    ("rejected", "Rejected"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    credit_state = fields.Selection(
        CREDIT_STATES, string="Credit Status", default="none", required=True, copy=False, tracking=True, index=True
    )
    credit_hold_reason = fields.Text(copy=False, readonly=True, tracking=True)
    credit_released_amount = fields.Monetary(
        string="Released Amount",
        copy=False,
        readonly=True,
        help="The order total a Credit Manager released; a larger total is checked again.",
    )
    credit_decision_note = fields.Text(copy=False, readonly=True)
    credit_decision_user_id = fields.Many2one("res.users", string="Credit Decision By", copy=False, readonly=True)
    dealer_credit_available = fields.Monetary(
        compute="_compute_dealer_credit_available",
        currency_field="company_currency_id",
        help="Credit left to the dealer before this order, in company currency.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    dealer_deposit_paid = fields.Monetary(
        string="Paid from Deposit",
        compute="_compute_dealer_deposit_paid",
        currency_field="company_currency_id",
    )
    dealer_deposit_move_ids = fields.One2many(
        "dealer.deposit.move", "order_id", string="Deposit Payments", groups=DEPOSIT_READERS
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("partner_id", "company_id", "state")
    def _compute_dealer_credit_available(self):
        for order in self:
            dealer = order.partner_id.dealer_id
            if not dealer or not dealer.sudo().with_company(order.company_id).credit_limit:
                order.dealer_credit_available = 0.0
                continue
            info = dealer._dealer_credit_info(order.company_id, exclude_order_ids=order._origin.ids)
            order.dealer_credit_available = info["available"]

    @api.depends("dealer_deposit_move_ids.amount")
    def _compute_dealer_deposit_paid(self):
        paid = dict(
            self.env["dealer.deposit.move"]
            .sudo()
            ._read_group([("order_id", "in", self._origin.ids)], ["order_id"], ["amount:sum"])
        )
        for order in self:
            order.dealer_deposit_paid = -paid.get(order._origin, 0.0)

    # ------------------------------------------------------------
    # CREDIT CHECK
    # ------------------------------------------------------------

    def _dealer_credit_orders(self):
        """The dealers' orders among these: the only ones the credit rules check and hold."""
        return self.filtered(lambda order: order.partner_id.dealer_id)

    def _dealer_credit_amount(self):
        """This order's total in company currency."""
        self.ensure_one()
        return self.amount_total / (self.currency_rate or 1.0)

    def _dealer_credit_is_released(self):
        self.ensure_one()
        return (
            self.credit_state == "released"
            and float_compare(
                self.amount_total, self.credit_released_amount, precision_rounding=self.currency_id.rounding
            )
            <= 0
        )

    def _dealer_credit_is_paid(self):
        """Hook: whether the order is already paid and so needs no credit (False here).

        A module taking payments before confirmation (online payment) overrides it;
        an order it returns True for is confirmed without the credit rules.
        """
        self.ensure_one()
        return False

    def _dealer_credit_check(self):
        """Lock the dealer, then return why this order cannot be confirmed on credit (or False).

        At most three queries and one row lock, whatever the number of lines
        or open invoices. A release covers this order up to the released total;
        an order already paid (_dealer_credit_is_paid) needs no credit.
        """
        self.ensure_one()
        if self._dealer_credit_is_released() or self._dealer_credit_is_paid():
            return False
        dealer = self.partner_id.commercial_partner_id
        info = dealer._dealer_credit_info(
            self.company_id, extra_amount=self._dealer_credit_amount(), exclude_order_ids=self.ids, lock=True
        )
        return dealer._get_dealer_credit_hold_reason(info, self)

    @api.model
    def _get_dealer_waiting_steps(self):
        # After the steps before confirmation: a held order waits for a Credit Manager.
        return [
            *super()._get_dealer_waiting_steps(),
            {
                "key": "credit_hold",
                "name": _("On Credit Hold"),
                "sequence": 30,
                "domain": [("credit_state", "=", "hold"), ("state", "in", ("draft", "sent"))],
                "action": "dealer_credit.sale_order_action_credit_hold",
            },
        ]

    def _dealer_credit_hold(self, reason):
        self.ensure_one()
        self.write({"credit_state": "hold", "credit_hold_reason": reason})
        self.message_post(body=_("Order put on credit hold: %s", reason))

    def action_confirm(self):
        # Customers outside the dealer channel are confirmed by Odoo as they are.
        dealer_orders = self._dealer_credit_orders()
        if self - dealer_orders:
            super(SaleOrder, self - dealer_orders).action_confirm()
        # Dealers' orders are checked and confirmed one at a time, dealers locked in a
        # stable order, so each check sees the orders confirmed before it.
        held = self.browse()
        for order in dealer_orders.sorted(lambda o: (o.partner_id.commercial_partner_id.id, o.id)):
            error = order._confirmation_error_message()
            if error:
                raise UserError(error)
            reason = order._dealer_credit_check()
            if reason:
                order._dealer_credit_hold(reason)
                held |= order
                continue
            super(SaleOrder, order).action_confirm()
            if order.credit_state == "hold":
                order.credit_state = "none"
        return True

    def _confirmation_error_message(self):
        error = super()._confirmation_error_message()
        if not error and self.credit_state == "rejected":
            error = _("The credit of order %s was rejected: it cannot be confirmed.", self.name)
        return error

    def _dealer_credit_confirmed_totals(self):
        return {order.id: order.amount_total for order in self._dealer_credit_orders() if order.state == "sale"}

    def _dealer_credit_recheck_increase(self, old_totals):
        """A confirmed order whose total grows is checked again: over the credit it raises."""
        for order in self:
            old = old_totals.get(order.id)
            if old is None or order.state != "sale":
                continue
            if float_compare(order.amount_total, old, precision_rounding=order.currency_id.rounding) <= 0:
                continue
            reason = order._dealer_credit_check()
            if reason:
                raise UserError(_("Order %(order)s cannot be increased: %(reason)s", order=order.name, reason=reason))

    # ------------------------------------------------------------
    # ACTIONS: credit manager decisions
    # ------------------------------------------------------------

    def _check_credit_manager(self):
        if not (self.env.su or self.env.user.has_group("dealer_credit.group_credit_manager")):
            raise AccessError(_("Only a Credit Manager can release or reject orders on credit hold."))

    def _check_credit_decision(self, note):
        self._check_credit_manager()
        if not (note or "").strip():
            raise UserError(_("Give a note for the credit decision."))
        for order in self:
            if order.credit_state != "hold":
                raise UserError(_("Order %s is not on credit hold.", order.name))

    def action_credit_release(self, note):
        """A single, audited override: this order confirms once, up to its current total."""
        self._check_credit_decision(note)
        for order in self:
            order.sudo().write(
                {
                    "credit_state": "released",
                    "credit_released_amount": order.amount_total,
                    "credit_decision_note": note.strip(),
                    "credit_decision_user_id": self.env.user.id,
                }
            )
            order.message_post(
                body=_(
                    "Credit hold released by %(user)s for %(amount)s: %(note)s",
                    user=self.env.user.name,
                    amount=order.currency_id.format(order.amount_total),
                    note=note.strip(),
                )
            )
        self.sudo().action_confirm()
        return True

    def action_credit_reject(self, note):
        self._check_credit_decision(note)
        for order in self:
            order.sudo().write(
                {
                    "credit_state": "rejected",
                    "credit_decision_note": note.strip(),
                    "credit_decision_user_id": self.env.user.id,
                }
            )
            order.message_post(
                body=_("Credit hold rejected by %(user)s: %(note)s", user=self.env.user.name, note=note.strip())
            )
        self.sudo()._action_cancel()
        return True

    def action_credit_open_decision(self):
        self.ensure_one()
        self._check_credit_manager()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order.credit.decision",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_order_id": self.id,
                "default_decision": self.env.context.get("dealer_credit_decision", "release"),
            },
        }

    # ------------------------------------------------------------
    # DEPOSIT
    # ------------------------------------------------------------

    def _dealer_pay_from_deposit(self, amount):
        """Pay ``amount`` (company currency) of this order from the dealer's deposit.

        The dealer row is locked (as for the credit check) so that parallel
        payments can never take the balance below zero.
        """
        self.ensure_one()
        self.check_access("write")
        currency = self.company_id.currency_id
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("The amount to pay from the deposit must be positive."))
        if self.state == "cancel":
            raise UserError(_("Order %s is cancelled.", self.name))
        dealer = self.partner_id.commercial_partner_id
        dealer._dealer_lock_deposit()
        Move = self.env["dealer.deposit.move"].sudo()
        already = -sum(Move.search([("order_id", "=", self.id)]).mapped("amount"))
        due = self._dealer_credit_amount() - already
        if currency.compare_amounts(amount, due) > 0:
            raise UserError(
                _(
                    "Order %(order)s has only %(due)s left to pay; %(amount)s cannot be taken from the deposit.",
                    order=self.name,
                    due=currency.format(due),
                    amount=currency.format(amount),
                )
            )
        balance = dealer._dealer_deposit_balance_locked(self.company_id)
        if currency.compare_amounts(amount, balance) > 0:
            raise UserError(
                _(
                    "The deposit of %(dealer)s holds %(balance)s: %(amount)s cannot be paid from it.",
                    dealer=dealer.name,
                    balance=currency.format(balance),
                    amount=currency.format(amount),
                )
            )
        move = Move.create(
            {
                "partner_id": dealer.id,
                "company_id": self.company_id.id,
                "amount": -amount,
                "order_id": self.id,
                "name": _("Payment of %s", self.name),
            }
        )
        self.message_post(body=_("%s paid from the dealer's deposit.", currency.format(amount)))
        return move
