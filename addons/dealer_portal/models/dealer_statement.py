import calendar
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..report.dealer_statement_export import statement_pdf, statement_xlsx

# Statements of periods longer than this many days are made by a background job.
JOB_MIN_DAYS = 92

STATEMENT_KINDS = [
    ("invoice", "Invoice"),
    ("credit_note", "Credit Note"),
    ("rebate", "Rebate"),
    ("payment", "Payment"),
]


class DealerStatement(models.Model):
    """A dealer's answer to its monthly statement of account (对账): confirmed or disputed."""

    _name = "dealer.statement"
    _description = "Dealer Statement Confirmation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"
    _rec_names_search = ["partner_id"]

    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    opening_balance = fields.Monetary(readonly=True)
    invoiced = fields.Monetary(string="Invoices", readonly=True)
    credited = fields.Monetary(string="Credit Notes", readonly=True)
    rebated = fields.Monetary(string="Rebates", readonly=True)
    paid = fields.Monetary(string="Payments", readonly=True)
    closing_balance = fields.Monetary(readonly=True)
    state = fields.Selection(
        [("confirmed", "Confirmed"), ("disputed", "Disputed")], required=True, tracking=True, index=True
    )
    comment = fields.Text(tracking=True)
    user_id = fields.Many2one("res.users", string="Answered By", readonly=True)
    answered_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "period_unique",
            "UNIQUE(partner_id, company_id, date_from, date_to)",
            "The dealer has already answered this statement.",
        ),
    ]

    @api.depends("partner_id", "date_from")
    def _compute_display_name(self):
        for statement in self:
            period = (statement.date_from and statement.date_from.strftime("%Y-%m")) or ""
            statement.display_name = f"{statement.partner_id.name or ''} {period}".strip()

    # ------------------------------------------------------------
    # PERIOD
    # ------------------------------------------------------------

    @api.model
    def _dealer_default_period(self):
        """Last month."""
        first_this_month = fields.Date.context_today(self).replace(day=1)
        date_to = first_this_month - timedelta(days=1)
        return date_to.replace(day=1), date_to

    @api.model
    def _dealer_parse_period(self, date_from, date_to):
        """(date_from, date_to) as dates; UserError for bad, reversed or future periods."""
        if not date_from and not date_to:
            return self._dealer_default_period()
        try:
            start = fields.Date.to_date(date_from)
            end = fields.Date.to_date(date_to)
        except ValueError:
            raise UserError(_("Give the period as two dates (YYYY-MM-DD).")) from None
        if not start or not end:
            raise UserError(_("Give both the first and the last day of the period."))
        if start > end:
            raise UserError(_("The period starts after it ends."))
        if end > fields.Date.context_today(self):
            raise UserError(_("The period cannot end in the future."))
        return start, end

    @api.model
    def _dealer_is_month(self, start, end):
        return start.day == 1 and end == date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])

    # ------------------------------------------------------------
    # STATEMENT DATA
    # ------------------------------------------------------------

    @api.model
    def _dealer_statement_rebate_condition(self):
        """SQL condition on the credit note ``m`` (account_move) telling that it pays a rebate: such
        credit notes are shown as rebates, not as credit notes. A constant expression, never built
        from input. No rebates here; a rebate module (or its bridge) overrides this method."""
        return "FALSE"

    @api.model
    def _dealer_statement_data(self, dealer, date_from, date_to, company=None, lines=True):
        """The statement of account of dealer for the period, from posted receivable lines.

        Two queries whatever the number of documents. Amounts in company
        currency; positive = owed by the dealer. With lines=False, only the
        balances and totals (summed by the database, however long the period):
        ``lines`` is then None.
        """
        dealer = dealer.commercial_partner_id
        company = company or self.env.company
        AccountMoveLine = self.env["account.move.line"]
        AccountMoveLine.flush_model(["balance", "partner_id", "account_id", "parent_state", "date", "company_id"])
        self.env["account.move"].flush_model(["move_type", "name", "ref", "invoice_date_due"])
        params = {"dealer": dealer.id, "company": company.id, "date_from": date_from, "date_to": date_to}
        base = """
              FROM account_move_line aml
              JOIN account_account acc ON acc.id = aml.account_id
              JOIN res_partner p ON p.id = aml.partner_id
              JOIN account_move m ON m.id = aml.move_id
             WHERE acc.account_type = 'asset_receivable'
               AND aml.parent_state = 'posted'
               AND aml.company_id = %(company)s
               AND p.commercial_partner_id = %(dealer)s
        """
        self.env.cr.execute(f"SELECT COALESCE(SUM(aml.balance), 0) {base} AND aml.date < %(date_from)s", params)
        opening = self.env.cr.fetchone()[0]
        rebate_sql = self._dealer_statement_rebate_condition()
        if lines:
            query = f"""
            SELECT aml.date, m.id, m.name, m.ref, m.move_type, {rebate_sql}, m.invoice_date_due,
                   SUM(aml.balance)
            {base}
               AND aml.date BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY aml.date, m.id, m.name, m.ref, m.move_type, m.invoice_date_due
          ORDER BY aml.date, m.id
            """
        else:
            # One row per kind of document: the same sums as the lines', without the lines.
            query = f"""
            SELECT NULL, NULL, NULL, NULL, m.move_type, {rebate_sql} AS is_rebate, NULL, SUM(aml.balance)
            {base}
               AND aml.date BETWEEN %(date_from)s AND %(date_to)s
          GROUP BY m.move_type, is_rebate
            """
        self.env.cr.execute(query, params)
        statement_lines = [] if lines else None
        totals = dict.fromkeys(("invoice", "credit_note", "rebate", "payment"), 0.0)
        running = opening
        for line_date, move_id, name, ref, move_type, is_rebate, due, balance in self.env.cr.fetchall():
            if move_type in ("out_invoice", "out_receipt"):
                kind = "invoice"
            elif move_type == "out_refund":
                kind = "rebate" if is_rebate else "credit_note"
            else:
                kind = "payment"
            running += balance
            totals[kind] += balance
            if not lines:
                continue
            statement_lines.append(
                {
                    "date": line_date,
                    "move_id": move_id,
                    "name": name,
                    "ref": ref or "",
                    "kind": kind,
                    "due": due,
                    "debit": balance if balance > 0 else 0.0,
                    "credit": -balance if balance < 0 else 0.0,
                    "balance": running,
                }
            )
        return {
            "dealer": dealer,
            "company": company,
            "currency": company.currency_id,
            "date_from": date_from,
            "date_to": date_to,
            "opening": opening,
            "invoiced": totals["invoice"],
            "credited": -totals["credit_note"],
            "rebated": -totals["rebate"],
            "paid": -totals["payment"],
            "closing": running,
            "lines": statement_lines,
            "kinds": dict(STATEMENT_KINDS),
            "is_month": self._dealer_is_month(date_from, date_to),
            "answer": self.sudo().search(
                [
                    ("partner_id", "=", dealer.id),
                    ("company_id", "=", company.id),
                    ("date_from", "=", date_from),
                    ("date_to", "=", date_to),
                ],
                limit=1,
            ),
        }

    # ------------------------------------------------------------
    # FILES
    # ------------------------------------------------------------

    @api.model
    def _dealer_statement_file(self, data, kind):
        """(content, mimetype, filename) of the statement data as a "pdf" or "xlsx" file."""
        stem = f"statement-{data['dealer'].dealer_code}-{data['date_from']}-{data['date_to']}"
        if kind == "pdf":
            return statement_pdf(self.env, data), "application/pdf", f"{stem}.pdf"
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return statement_xlsx(self.env, data), mimetype, f"{stem}.xlsx"

    @api.model
    def _dealer_statement_in_background(self, date_from, date_to):
        """Whether the file of a period this long is made by a background job, out of the request."""
        days = self.env["ir.config_parameter"].sudo().get_param("dealer_portal.statement_job_min_days", JOB_MIN_DAYS)
        return (date_to - date_from).days + 1 > int(days)

    @api.model
    def _dealer_statement_queue(self, dealer, date_from, date_to, kind):
        """The job making dealer's statement file of the period for the current user."""
        dealer = dealer.commercial_partner_id
        return self.env["dealer.job"]._dealer_job_create(
            _("Statement %(start)s – %(end)s (%(kind)s)", start=date_from, end=date_to, kind=kind.upper()),
            dealer,
            dealer=dealer,
            payload={"date_from": str(date_from), "date_to": str(date_to), "kind": kind},
            total=1,
            method="_dealer_portal_statement_job_step",
        )

    # ------------------------------------------------------------
    # CONFIRM / DISPUTE
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_answer(self, date_from, date_to, state, comment=""):
        """The current user's dealer confirms or disputes its statement of a calendar month.

        Needs the accountant role. A disputed statement may be confirmed
        later; a confirmed one is final.
        """
        self.env["dealer.user.role"]._dealer_check_role("accountant")
        dealer = self.env.user.partner_id.dealer_id
        start, end = self._dealer_parse_period(date_from, date_to)
        if not self._dealer_is_month(start, end):
            raise UserError(_("Only a statement of one calendar month can be confirmed or disputed."))
        if state not in ("confirmed", "disputed"):
            raise UserError(_("Confirm or dispute the statement."))
        comment = (comment or "").strip()
        if state == "disputed" and not comment:
            raise UserError(_("Say what is wrong with the statement."))
        data = self._dealer_statement_data(dealer, start, end)
        vals = {
            "opening_balance": data["opening"],
            "invoiced": data["invoiced"],
            "credited": data["credited"],
            "rebated": data["rebated"],
            "paid": data["paid"],
            "closing_balance": data["closing"],
            "state": state,
            "comment": comment,
            "user_id": self.env.user.id,
            "answered_at": fields.Datetime.now(),
        }
        answer_sudo = data["answer"]
        if answer_sudo.state == "confirmed":
            raise UserError(_("This statement was already confirmed."))
        if answer_sudo:
            answer_sudo.write(vals)
        else:
            answer_sudo = self.sudo().create(
                dict(vals, partner_id=dealer.id, company_id=self.env.company.id, date_from=start, date_to=end)
            )
        body = (
            _("Statement confirmed by %s.", self.env.user.name)
            if state == "confirmed"
            else _("Statement disputed by %(user)s: %(comment)s", user=self.env.user.name, comment=comment)
        )
        answer_sudo.message_post(body=body)
        if state == "disputed" and dealer.user_id:
            answer_sudo.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Statement disputed by the dealer"),
                note=comment,
                user_id=dealer.user_id.id,
            )
        return answer_sudo
