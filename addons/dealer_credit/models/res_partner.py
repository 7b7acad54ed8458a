from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .dealer_deposit_move import DEPOSIT_READERS

CREDIT_SCORES = [("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]
DEFAULT_OVERDUE_DAYS = 30
# How far back the payment history that makes the score goes.
SCORE_HISTORY_DAYS = 365


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    # Credit Managers set limits without being accountants.
    credit_limit = fields.Float(
        groups="account.group_account_invoice,account.group_account_readonly,dealer_credit.group_credit_manager"
    )
    dealer_credit_temp_limit = fields.Float(
        groups="account.group_account_invoice,account.group_account_readonly,dealer_credit.group_credit_manager",
        string="Temporary Credit Raise",
        company_dependent=True,
        tracking=True,
        help="Added to the credit limit until the expiry date (included).",
    )
    dealer_credit_temp_expiry = fields.Date(
        string="Temporary Raise Until",
        company_dependent=True,
        tracking=True,
        groups="account.group_account_invoice,account.group_account_readonly,dealer_credit.group_credit_manager",
    )
    dealer_credit_checked_at = fields.Datetime(
        string="Last Credit Check",
        readonly=True,
        copy=False,
        help="Written by every credit check so that concurrent confirmations of the same dealer run one after another.",
    )
    dealer_credit_limit_total = fields.Monetary(
        string="Effective Credit Limit", compute="_compute_dealer_credit", currency_field="dealer_credit_currency_id"
    )
    dealer_credit_used = fields.Monetary(
        string="Credit Used", compute="_compute_dealer_credit", currency_field="dealer_credit_currency_id"
    )
    dealer_credit_available = fields.Monetary(
        string="Credit Available", compute="_compute_dealer_credit", currency_field="dealer_credit_currency_id"
    )
    dealer_credit_overdue = fields.Monetary(
        string="Overdue Amount",
        compute="_compute_dealer_credit",
        currency_field="dealer_credit_currency_id",
        help="Receivables past their due date by more than the configured number of days.",
    )
    dealer_credit_currency_id = fields.Many2one("res.currency", compute="_compute_dealer_credit_currency_id")
    dealer_credit_score = fields.Selection(
        CREDIT_SCORES,
        string="Credit Score",
        copy=False,
        tracking=True,
        index=True,
        help="Recomputed every night from the payment history. D puts every order on credit hold.",
    )
    dealer_credit_score_date = fields.Date(string="Scored On", copy=False, readonly=True)
    dealer_deposit_move_ids = fields.One2many(
        "dealer.deposit.move", "partner_id", string="Deposit Movements", groups=DEPOSIT_READERS
    )
    dealer_deposit_balance = fields.Monetary(
        string="Deposit Balance", compute="_compute_dealer_deposit_balance", currency_field="dealer_credit_currency_id"
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_dealer_credit_currency_id(self):
        self.dealer_credit_currency_id = self.env.company.currency_id

    def _compute_dealer_credit(self):
        company = self.env.company
        today = fields.Date.context_today(self)
        commercials = self.commercial_partner_id
        receivables = commercials._dealer_credit_receivables_by_partner(company, today)
        uninvoiced = commercials._dealer_credit_uninvoiced_by_partner(company)
        for partner in self:
            commercial = partner.commercial_partner_id
            # Whoever may see the dealer may see its limit (the fields are hidden from the form only).
            commercial_sudo = commercial.sudo().with_company(company)
            limit = self._dealer_credit_limit_from(
                commercial_sudo.credit_limit,
                commercial_sudo.dealer_credit_temp_limit,
                commercial_sudo.dealer_credit_temp_expiry,
                today,
            )
            receivable, overdue = receivables.get(commercial.id, (0.0, 0.0))
            used = receivable + uninvoiced.get(commercial.id, 0.0)
            partner.dealer_credit_limit_total = limit
            partner.dealer_credit_used = used
            partner.dealer_credit_available = limit - used
            partner.dealer_credit_overdue = overdue

    def _compute_dealer_deposit_balance(self):
        company = self.env.company
        commercials = self.commercial_partner_id
        balances = dict(
            self.env["dealer.deposit.move"]
            .sudo()
            ._read_group(
                [("partner_id", "in", commercials.ids), ("company_id", "=", company.id)],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        for partner in self:
            partner.dealer_deposit_balance = balances.get(partner.commercial_partner_id, 0.0)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("credit_limit", "dealer_credit_temp_limit")
    def _check_dealer_credit_limit(self):
        for partner in self.sudo():
            if partner.credit_limit < 0 or partner.dealer_credit_temp_limit < 0:
                raise ValidationError(_("The credit limit of %s cannot be negative.", partner.name))

    @api.constrains("dealer_credit_temp_limit", "dealer_credit_temp_expiry")
    def _check_dealer_credit_temp_expiry(self):
        for partner in self.sudo():
            if partner.dealer_credit_temp_limit and not partner.dealer_credit_temp_expiry:
                raise ValidationError(_("The temporary credit raise of %s needs an expiry date.", partner.name))

    # ------------------------------------------------------------
    # BUSINESS METHODS: credit
    # ------------------------------------------------------------

    @api.model
    def _dealer_overdue_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param("dealer_credit.overdue_days", DEFAULT_OVERDUE_DAYS)
        try:
            return max(int(value), 0)
        except ValueError:
            return DEFAULT_OVERDUE_DAYS

    def _dealer_credit_limit_from(self, limit, temp_limit, temp_expiry, today):
        if temp_limit and temp_expiry and temp_expiry >= today:
            return limit + temp_limit
        return limit

    def _dealer_credit_receivables_by_partner(self, company, today):
        """Per commercial partner: open receivables (company currency) and what is overdue by more
        than the allowed days.

        Unreconciled customer payments (deposits included) are open credits on
        the receivable account: they lower what the dealer owes, as in Odoo's
        own partner balance. One query whatever the number of partners or invoices.
        """
        self.env["account.move.line"].flush_model(
            ["amount_residual", "partner_id", "account_id", "parent_state", "date_maturity", "company_id", "reconciled"]
        )
        overdue_before = today - timedelta(days=self._dealer_overdue_days())
        self.env.cr.execute(
            """
            SELECT p.commercial_partner_id,
                   COALESCE(SUM(aml.amount_residual), 0),
                   COALESCE(SUM(aml.amount_residual) FILTER (
                       WHERE aml.amount_residual > 0 AND aml.date_maturity < %(overdue_before)s), 0)
              FROM account_move_line aml
              JOIN account_account acc ON acc.id = aml.account_id
              JOIN res_partner p ON p.id = aml.partner_id
             WHERE acc.account_type = 'asset_receivable'
               AND aml.parent_state = 'posted'
               AND aml.company_id = %(company)s
               AND aml.reconciled IS NOT TRUE
               AND p.commercial_partner_id = ANY(%(partners)s)
          GROUP BY p.commercial_partner_id
            """,
            {"overdue_before": overdue_before, "company": company.id, "partners": self.ids},
        )
        return {partner_id: (receivable, overdue) for partner_id, receivable, overdue in self.env.cr.fetchall()}

    def _dealer_credit_uninvoiced_by_partner(self, company, exclude_order_ids=()):
        """Per commercial partner: confirmed orders not yet invoiced, taxes included, in company
        currency (one query)."""
        self.env["sale.order"].flush_model(["state", "partner_id", "company_id", "currency_rate"])
        self.env["sale.order.line"].flush_model(
            ["price_total", "product_uom_qty", "qty_invoiced", "order_id", "display_type"]
        )
        self.env.cr.execute(
            """
            SELECT p.commercial_partner_id,
                   COALESCE(SUM(
                       sol.price_total * GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0) / sol.product_uom_qty
                       / COALESCE(NULLIF(so.currency_rate, 0), 1)), 0)
              FROM sale_order_line sol
              JOIN sale_order so ON so.id = sol.order_id
              JOIN res_partner p ON p.id = so.partner_id
             WHERE so.state = 'sale'
               AND so.company_id = %(company)s
               AND p.commercial_partner_id = ANY(%(partners)s)
               AND NOT (so.id = ANY(%(exclude)s))
               AND sol.product_uom_qty > 0
               AND sol.display_type IS NULL
          GROUP BY p.commercial_partner_id
            """,
            {"company": company.id, "partners": self.ids, "exclude": list(exclude_order_ids)},
        )
        return dict(self.env.cr.fetchall())

    def _dealer_credit_info(self, company=None, extra_amount=0.0, exclude_order_ids=(), lock=False):
        """What the portal and the order form show: limit, used, available, overdue (company currency).

        ``extra_amount`` is the order being checked. With ``lock`` the dealer's
        row is updated first, so two transactions checking the same dealer run
        one after the other (the second one retries on a serialization failure
        and then sees the first one's confirmed order). Three queries in all,
        whatever the number of order lines or open invoices.
        """
        self.ensure_one()
        company = company or self.env.company
        today = fields.Date.context_today(self)
        if lock:
            self.flush_recordset(
                ["credit_limit", "dealer_credit_temp_limit", "dealer_credit_temp_expiry", "dealer_credit_score"]
            )
            self.env.cr.execute(
                """
                UPDATE res_partner
                   SET dealer_credit_checked_at = NOW() AT TIME ZONE 'UTC'
                 WHERE id = %s
             RETURNING credit_limit->>%s, dealer_credit_temp_limit->>%s, dealer_credit_temp_expiry->>%s,
                       dealer_credit_score
                """,
                [self.id, str(company.id), str(company.id), str(company.id)],
                # A serialization failure here is the expected outcome of a race: Odoo retries the request.
                log_exceptions=False,
            )
            raw_limit, raw_temp, raw_expiry, score = self.env.cr.fetchone()
            self.invalidate_recordset(["dealer_credit_checked_at"])
            fallback = self._fields["credit_limit"].get_company_dependent_fallback(self.with_company(company))
            limit = float(raw_limit) if raw_limit is not None else (fallback or 0.0)
            temp_limit = float(raw_temp or 0.0)
            temp_expiry = fields.Date.to_date(raw_expiry) if raw_expiry else False
        else:
            # Whoever may see the dealer may see its limit (the fields are hidden from the form only).
            partner_sudo = self.sudo().with_company(company)
            limit = partner_sudo.credit_limit
            temp_limit = partner_sudo.dealer_credit_temp_limit
            temp_expiry = partner_sudo.dealer_credit_temp_expiry
            score = partner_sudo.dealer_credit_score
        limit = self._dealer_credit_limit_from(limit, temp_limit, temp_expiry, today)
        receivable, overdue = self._dealer_credit_receivables_by_partner(company, today).get(self.id, (0.0, 0.0))
        uninvoiced = self._dealer_credit_uninvoiced_by_partner(company, exclude_order_ids).get(self.id, 0.0)
        used = receivable + uninvoiced + extra_amount
        return {
            "limit": limit,
            "used": used,
            "available": limit - used,
            "overdue": overdue,
            "score": score,
            "currency": company.currency_id,
        }

    def _get_dealer_credit_hold_reason(self, info, order):
        """Hook: why this order cannot be confirmed on credit, or False. One rule set, overridable."""
        self.ensure_one()
        if not self.is_dealer:
            # Customers outside the dealer channel keep Odoo's behaviour: its credit warning only.
            return False
        currency = info["currency"]
        if info["overdue"] > 0 and not currency.is_zero(info["overdue"]):
            return _(
                "%(dealer)s has invoices overdue by more than %(days)s days: %(amount)s.",
                dealer=self.name,
                days=self._dealer_overdue_days(),
                amount=currency.format(info["overdue"]),
            )
        if info["score"] == "D":
            return _("%s has credit score D: every order needs a Credit Manager's release.", self.name)
        if info["limit"] and currency.compare_amounts(info["used"], info["limit"]) > 0:
            return _(
                "Credit limit of %(dealer)s exceeded: limit %(limit)s, used with this order %(used)s "
                "(%(excess)s over).",
                dealer=self.name,
                limit=currency.format(info["limit"]),
                used=currency.format(info["used"]),
                excess=currency.format(info["used"] - info["limit"]),
            )
        return False

    # ------------------------------------------------------------
    # BUSINESS METHODS: score
    # ------------------------------------------------------------

    @api.model
    def _get_dealer_credit_score(self, on_time_rate, avg_days_late, overdue, has_history):
        """The documented scoring rule (see readme/USAGE.md)."""
        if overdue > 0:
            return "D" if (on_time_rate < 0.6 or avg_days_late > 15) else "C"
        if not has_history:
            return "B"
        if on_time_rate >= 0.9 and avg_days_late <= 3:
            return "A"
        if on_time_rate >= 0.75 and avg_days_late <= 10:
            return "B"
        if on_time_rate >= 0.5:
            return "C"
        return "D"

    def _dealer_payment_history(self, company):
        """Per dealer: [(due date, paid date)] of the invoices paid in the last year (one query)."""
        self.env.flush_all()
        since = fields.Date.context_today(self) - timedelta(days=SCORE_HISTORY_DAYS)
        self.env.cr.execute(
            """
            SELECT m.commercial_partner_id, m.invoice_date_due, MAX(apr.max_date)
              FROM account_move m
              JOIN account_move_line l ON l.move_id = m.id
              JOIN account_account acc ON acc.id = l.account_id AND acc.account_type = 'asset_receivable'
              JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
             WHERE m.move_type = 'out_invoice'
               AND m.state = 'posted'
               AND m.payment_state IN ('paid', 'in_payment')
               AND m.company_id = %s
               AND m.commercial_partner_id = ANY(%s)
               AND m.invoice_date >= %s
          GROUP BY m.commercial_partner_id, m.id, m.invoice_date_due
            """,
            [company.id, self.ids, since],
        )
        history = {}
        for partner_id, due, paid in self.env.cr.fetchall():
            history.setdefault(partner_id, []).append((due, paid))
        return history

    def _dealer_compute_credit_score(self):
        company = self.env.company
        dealers = self.filtered("is_dealer")
        if not dealers:
            return
        history = dealers._dealer_payment_history(company)
        today = fields.Date.context_today(self)
        overdue = {
            partner_id: amount
            for partner_id, (_receivable, amount) in dealers._dealer_credit_receivables_by_partner(
                company, today
            ).items()
        }
        by_score = {}
        for dealer in dealers:
            paid = history.get(dealer.id, [])
            late_days = [max((paid_on - due).days, 0) for due, paid_on in paid if due and paid_on]
            on_time = sum(1 for days in late_days if days == 0) / len(late_days) if late_days else 1.0
            avg_late = sum(late_days) / len(late_days) if late_days else 0.0
            score = self._get_dealer_credit_score(on_time, avg_late, overdue.get(dealer.id, 0.0), bool(late_days))
            by_score.setdefault(score, self.browse())
            by_score[score] |= dealer
        for score, partners in by_score.items():
            partners.write({"dealer_credit_score": score, "dealer_credit_score_date": today})

    @api.model
    def _cron_dealer_credit_score(self):
        for company in self.env["res.company"].search([]):
            dealers = self.with_company(company).search([("is_dealer", "=", True)])
            dealers.with_company(company)._dealer_compute_credit_score()

    def action_dealer_compute_credit_score(self):
        self.check_access("write")
        self._dealer_compute_credit_score()
        return True

    # ------------------------------------------------------------
    # BUSINESS METHODS: deposit
    # ------------------------------------------------------------

    def _dealer_lock_deposit(self):
        """Serialize deposit payments of this dealer (same row update as the credit check)."""
        self.ensure_one()
        self.env.cr.execute(
            "UPDATE res_partner SET dealer_credit_checked_at = NOW() AT TIME ZONE 'UTC' WHERE id = %s",
            [self.id],
            log_exceptions=False,
        )
        self.invalidate_recordset(["dealer_credit_checked_at"])

    def _dealer_deposit_balance_locked(self, company):
        self.ensure_one()
        self.env["dealer.deposit.move"].flush_model()
        self.env.cr.execute(
            "SELECT COALESCE(SUM(amount), 0) FROM dealer_deposit_move WHERE partner_id = %s AND company_id = %s",
            [self.id, company.id],
        )
        return self.env.cr.fetchone()[0]

    def action_dealer_view_deposit_moves(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_credit.dealer_deposit_move_action")
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action
