from datetime import timedelta
from decimal import Decimal
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

from .res_company import SCHEDULED_STEPS

WARNING_RULES = [
    ("decline", "Purchase Decline"),
    ("dormant", "Dormant Dealer"),
    ("overdue", "Overdue Spike"),
    ("surge", "Order Surge"),
]

# Settings (ir.config_parameter) and their defaults.
PARAM_DEFAULTS = {
    "channel_analytics.decline_pct": 20.0,
    "channel_analytics.decline_months": 3,
    "channel_analytics.dormant_days": 60,
    "channel_analytics.overdue_pct": 50.0,
    "channel_analytics.overdue_threshold": 100000.0,
    "channel_analytics.surge_factor": 3.0,
}


class ChannelWarning(models.Model):
    _name = "channel.warning"
    _description = "Channel Early Warning"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _rec_name = "dealer_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    dealer_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one(related="dealer_id.user_id", string="Salesperson", store=True, index=True)
    region_id = fields.Many2one(related="dealer_id.dealer_region_id", string="Sales Region", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, ondelete="cascade"
    )
    rule = fields.Selection(WARNING_RULES, required=True, index=True)
    period_key = fields.Char(
        string="Period", required=True, help="The month or episode the warning is about: one warning each."
    )
    message = fields.Text(required=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")], default="open", required=True, index=True, tracking=True
    )

    _sql_constraints = [
        (
            "channel_warning_unique",
            "UNIQUE(dealer_id, rule, period_key)",
            "This warning was already raised for this dealer and period.",
        ),
    ]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_done(self):
        self.check_access("write")
        open_warnings = self.filtered(lambda w: w.state == "open")
        open_warnings.write({"state": "done"})
        # Closing the warning closes the salesperson's reminder too.
        open_warnings.activity_ids.action_feedback(feedback=_("Warning handled."))
        return True

    def action_open_dealer(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.dealer_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------
    # SCHEDULED ACTION
    # ------------------------------------------------------------

    @api.model
    def _get_param(self, key):
        default = PARAM_DEFAULTS[key]
        value = self.env["ir.config_parameter"].sudo().get_param(key)
        try:
            return type(default)(value) if value not in (None, False, "") else default
        except ValueError:
            return default

    @api.model
    def _cron_queue_run(self):
        """Scheduled: the refresh and the warnings as a background job, one step per transaction."""
        return self.env["res.company"]._channel_analytics_queue_refresh(steps=SCHEDULED_STEPS)

    @api.model
    def _cron_run(self):
        """Refresh the figures, then raise the warnings of every rule."""
        self.env["channel.sale.summary"]._cron_refresh()
        return self._run_rules()

    @api.model
    def _run_rules(self, today=None):
        today = today or fields.Date.context_today(self)
        candidates = []
        for rule in self._get_rules():
            candidates += getattr(self, f"_check_{rule}")(today)
        return self._create_warnings(candidates)

    @api.model
    def _get_rules(self):
        """Hook: the rules the scheduled action runs (each a _check_<rule>(today) method)."""
        return [rule for rule, _label in WARNING_RULES]

    @api.model
    def _create_warnings(self, candidates):
        """Create the warnings not raised yet, each with an activity for the dealer's salesperson."""
        if not candidates:
            return self.browse()
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT dealer_id, rule, period_key FROM channel_warning
             WHERE (dealer_id, rule, period_key) IN %s
            """,
            [tuple((c["dealer_id"], c["rule"], c["period_key"]) for c in candidates)],
        )
        existing = set(self.env.cr.fetchall())
        seen = set()
        vals_list = []
        for vals in candidates:
            key = (vals["dealer_id"], vals["rule"], vals["period_key"])
            if key not in existing and key not in seen:
                seen.add(key)
                vals_list.append(vals)
        warnings = self.sudo().with_context(tracking_disable=True).create(vals_list)
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get_id(self._name)
        # The to-dos reach the salespeople in their activities; no e-mail per warning (a night may raise
        # hundreds), which also keeps the job's cost from growing by a rendered message per warning.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": warning.id,
                    "activity_type_id": todo and todo.id,
                    "summary": _("%(rule)s: %(dealer)s", rule=warning._rule_label(), dealer=warning.dealer_id.name),
                    "note": warning.message,
                    "user_id": (warning.dealer_id.user_id or self.env.user).id,
                    "date_deadline": fields.Date.context_today(self),
                }
                for warning in warnings
            ]
        )
        return warnings

    def _rule_label(self):
        self.ensure_one()
        return dict(self._fields["rule"]._description_selection(self.env))[self.rule]

    # ------------------------------------------------------------
    # RULES: one aggregate query each, over all dealers
    # ------------------------------------------------------------

    @api.model
    def _check_decline(self, today):
        """Purchases fell by at least pct % month over month for N consecutive complete months."""
        pct = Decimal(str(self._get_param("channel_analytics.decline_pct")))
        months = max(self._get_param("channel_analytics.decline_months"), 1)
        last = today.replace(day=1) - relativedelta(months=1)
        first = last - relativedelta(months=months)
        self.env["channel.sale.summary.dealer"].flush_model()
        self.env.cr.execute(
            """
            SELECT dealer_id, company_id, month, SUM(amount)::text
              FROM channel_sale_summary_dealer
             WHERE month >= %s AND month <= %s
             GROUP BY dealer_id, company_id, month
            """,
            [first, last],
        )
        # Amounts as text: Odoo's cursor turns numeric into float, decimals keep the boundaries exact.
        amounts = {}
        for dealer_id, company_id, month, amount in self.env.cr.fetchall():
            amounts.setdefault((dealer_id, company_id), {})[month] = Decimal(amount or 0)
        series_months = [first + relativedelta(months=i) for i in range(months + 1)]
        pct_text = f"{pct:g}"
        candidates = []
        for (dealer_id, company_id), by_month in amounts.items():
            series = [by_month.get(m, Decimal(0)) for m in series_months]
            # Exact decimal comparison: a fall of exactly pct % counts.
            if all(prev > 0 and cur * 100 <= prev * (100 - pct) for prev, cur in pairwise(series)):
                # Formatted outside _(): the term extractor cannot read f-strings in its arguments.
                first_text, last_text = f"{series[0]:,.2f}", f"{series[-1]:,.2f}"
                candidates.append(
                    {
                        "dealer_id": dealer_id,
                        "company_id": company_id,
                        "rule": "decline",
                        "period_key": last.strftime("%Y-%m"),
                        "message": _(
                            "Purchases fell by %(pct)s%% or more for %(months)s months in a row: "
                            "%(first)s in %(first_month)s, %(last)s in %(last_month)s.",
                            pct=pct_text,
                            months=months,
                            first=first_text,
                            first_month=first.strftime("%Y-%m"),
                            last=last_text,
                            last_month=last.strftime("%Y-%m"),
                        ),
                    }
                )
        return candidates

    @api.model
    def _check_dormant(self, today):
        """Active dealers with no confirmed order for N days (one warning per dormant spell)."""
        days = self._get_param("channel_analytics.dormant_days")
        cutoff = today - timedelta(days=days)
        self.env["sale.order"].flush_model(["state", "date_order", "partner_id", "company_id"])
        self.env["res.partner"].flush_model(["dealer_id", "dealer_state"])
        self.env.cr.execute(
            """
            SELECT p.dealer_id, so.company_id, MAX(so.date_order)::date
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              JOIN res_partner d ON d.id = p.dealer_id
             WHERE so.state = 'sale' AND d.dealer_state = 'active'
             GROUP BY p.dealer_id, so.company_id
            HAVING MAX(so.date_order)::date < %s
            """,
            [cutoff],
        )
        candidates = []
        for dealer_id, company_id, last_date in self.env.cr.fetchall():
            candidates.append(
                {
                    "dealer_id": dealer_id,
                    "company_id": company_id,
                    "rule": "dormant",
                    "period_key": f"since-{last_date:%Y-%m-%d}",
                    "message": _(
                        "No order for %(days)s days: the last confirmed order is of %(date)s.",
                        days=(today - last_date).days,
                        date=last_date.strftime("%Y-%m-%d"),
                    ),
                }
            )
        return candidates

    @api.model
    def _check_overdue(self, today):
        """Overdue receivable above the threshold, or up by more than pct % on a month ago."""
        pct = Decimal(str(self._get_param("channel_analytics.overdue_pct")))
        threshold = Decimal(str(self._get_param("channel_analytics.overdue_threshold")))
        month_ago = today - relativedelta(months=1)
        self.env["account.move"].flush_model()
        self.env.cr.execute(
            """
            SELECT p.dealer_id, m.company_id,
                   SUM(m.amount_residual_signed)::text,
                   COALESCE(SUM(m.amount_residual_signed) FILTER (WHERE m.invoice_date_due < %(month_ago)s), 0)::text
              FROM account_move m
              JOIN res_partner p ON p.id = m.partner_id
             WHERE p.dealer_id IS NOT NULL
               AND m.move_type = 'out_invoice' AND m.state = 'posted'
               AND m.payment_state IN ('not_paid', 'partial')
               AND m.invoice_date_due < %(today)s
             GROUP BY p.dealer_id, m.company_id
            """,
            {"today": today, "month_ago": month_ago},
        )
        candidates = []
        for dealer_id, company_id, overdue_raw, previous_raw in self.env.cr.fetchall():
            overdue, previous = Decimal(overdue_raw), Decimal(previous_raw)
            above = threshold > 0 and overdue >= threshold
            spike = overdue > 0 and overdue * 100 > previous * (100 + pct)
            if above or spike:
                overdue_text, previous_text = f"{overdue:,.2f}", f"{previous:,.2f}"
                candidates.append(
                    {
                        "dealer_id": dealer_id,
                        "company_id": company_id,
                        "rule": "overdue",
                        "period_key": today.strftime("%Y-%m"),
                        "message": _(
                            "Overdue invoices now %(now)s, against %(before)s overdue for over a month.",
                            now=overdue_text,
                            before=previous_text,
                        ),
                    }
                )
        return candidates

    @api.model
    def _check_surge(self, today):
        """This month's purchases above K times the average of the 3 previous months."""
        factor = Decimal(str(self._get_param("channel_analytics.surge_factor")))
        this_month = today.replace(day=1)
        first = this_month - relativedelta(months=3)
        self.env["channel.sale.summary.dealer"].flush_model()
        self.env.cr.execute(
            """
            SELECT dealer_id, company_id,
                   COALESCE(SUM(amount) FILTER (WHERE month = %(this_month)s), 0)::text,
                   (COALESCE(SUM(amount) FILTER (WHERE month < %(this_month)s), 0) / 3)::text
              FROM channel_sale_summary_dealer
             WHERE month >= %(first)s AND month <= %(this_month)s
             GROUP BY dealer_id, company_id
            """,
            {"this_month": this_month, "first": first},
        )
        factor_text = f"{factor:g}"
        candidates = []
        for dealer_id, company_id, current_raw, average_raw in self.env.cr.fetchall():
            current, average = Decimal(current_raw), Decimal(average_raw)
            if average > 0 and current > average * factor:
                current_text, average_text = f"{current:,.2f}", f"{average:,.2f}"
                candidates.append(
                    {
                        "dealer_id": dealer_id,
                        "company_id": company_id,
                        "rule": "surge",
                        "period_key": this_month.strftime("%Y-%m"),
                        "message": _(
                            "Orders this month (%(now)s) exceed %(factor)s times the average of the 3 previous "
                            "months (%(avg)s): check for selling outside the dealer's region.",
                            now=current_text,
                            factor=factor_text,
                            avg=average_text,
                        ),
                    }
                )
        return candidates
