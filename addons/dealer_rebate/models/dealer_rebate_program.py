import logging
from datetime import date

import psycopg2
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

_logger = logging.getLogger(__name__)

PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


class DealerRebateProgram(models.Model):
    _name = "dealer.rebate.program"
    _description = "Dealer Rebate Program"
    _order = "date_start desc, name"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    settle_job_id = fields.Many2one("dealer.job", string="Settlement Job", readonly=True, copy=False)
    settle_job_state = fields.Selection(related="settle_job_id.state", string="Settlement")
    settle_job_progress = fields.Integer(related="settle_job_id.progress", string="Settlement Progress (%)")
    settle_job_error = fields.Text(related="settle_job_id.error", string="Settlement Error")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_type = fields.Selection(
        [("month", "Monthly"), ("quarter", "Quarterly"), ("year", "Yearly"), ("custom", "Custom")],
        string="Period",
        required=True,
        default="quarter",
        help="Each calendar month, quarter or year between the start and end dates is settled on its own; "
        "a custom program is one period from start to end.",
    )
    date_start = fields.Date(string="Start Date", required=True)
    date_end = fields.Date(string="End Date", required=True)
    dealer_ids = fields.Many2many(
        "res.partner", string="Dealers", domain="[('is_dealer', '=', True)]", help="Dealers of the program."
    )
    level_ids = fields.Many2many("dealer.level", string="Dealer Levels", help="Every dealer of these levels.")
    region_ids = fields.Many2many(
        "dealer.region", string="Sales Regions", help="Every dealer of these regions and of their sub-regions."
    )
    product_ids = fields.Many2many(
        "product.product", string="Products", help="Only these products count. Empty: every product."
    )
    categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Only products of these categories (and sub-categories) count. Empty: every product.",
    )
    basis = fields.Selection(
        [("amount", "Invoiced Amount"), ("quantity", "Invoiced Quantity")],
        required=True,
        default="amount",
        help="What the tier thresholds measure: the untaxed invoiced amount net of credit notes, or the "
        "quantity net of returns. The rebate is always a percentage of the net invoiced amount.",
    )
    tier_mode = fields.Selection(
        [("retroactive", "Retroactive"), ("incremental", "Incremental")],
        required=True,
        default="retroactive",
        help="Retroactive: the rate of the tier reached applies to the whole volume. "
        "Incremental: each slice of volume earns the rate of its own tier.",
    )
    tier_ids = fields.One2many("dealer.rebate.tier", "program_id", string="Tiers", copy=True)
    growth_rate = fields.Float(
        string="Growth Target (%)",
        help="If set, a dealer earns a rebate only if its volume reaches the volume of the same period "
        "last year increased by this percentage.",
    )
    use_growth_target = fields.Boolean(string="Growth Target")
    journal_id = fields.Many2one(
        "account.journal",
        string="Credit Note Journal",
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
        help="Journal of the rebate credit notes. Empty: the company's first sales journal.",
    )
    account_id = fields.Many2one(
        "account.account",
        string="Rebate Account",
        help="Account of the rebate credit note lines. Empty: the journal's default account.",
    )
    accrual_ids = fields.One2many("dealer.rebate.accrual", "program_id", string="Accruals")
    settlement_ids = fields.One2many("dealer.rebate.settlement", "program_id", string="Settlements")
    accrual_count = fields.Integer(compute="_compute_counts")
    settlement_count = fields.Integer(compute="_compute_counts")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_counts(self):
        accruals = dict(
            self.env["dealer.rebate.accrual"]._read_group([("program_id", "in", self.ids)], ["program_id"], ["__count"])
        )
        settlements = dict(
            self.env["dealer.rebate.settlement"]._read_group(
                [("program_id", "in", self.ids)], ["program_id"], ["__count"]
            )
        )
        for program in self:
            program.accrual_count = accruals.get(program, 0)
            program.settlement_count = settlements.get(program, 0)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for program in self:
            if program.date_end < program.date_start:
                raise ValidationError(
                    _("Rebate program %s ends before it starts: check its start and end dates.", program.name)
                )

    @api.constrains("dealer_ids", "level_ids", "region_ids")
    def _check_scope(self):
        for program in self:
            if not (program.dealer_ids or program.level_ids or program.region_ids):
                raise ValidationError(
                    _("Rebate program %s needs a scope: choose dealers, dealer levels or sales regions.", program.name)
                )

    @api.constrains("tier_ids")
    def _check_tiers(self):
        for program in self:
            thresholds = program.tier_ids.mapped("threshold")
            if len(thresholds) != len(set(thresholds)):
                raise ValidationError(
                    _("Rebate program %s has two tiers with the same threshold: each tier needs its own.", program.name)
                )

    @api.constrains("growth_rate", "use_growth_target")
    def _check_growth_rate(self):
        for program in self:
            if program.use_growth_target and program.growth_rate < -100:
                raise ValidationError(_("A growth target cannot be below -100%."))

    # ------------------------------------------------------------
    # PERIODS AND SCOPE
    # ------------------------------------------------------------

    def _get_period(self, day):
        """The (start, end) period of the program containing ``day``, or None."""
        self.ensure_one()
        if not day or day < self.date_start or day > self.date_end:
            return None
        if self.period_type == "custom":
            return self.date_start, self.date_end
        months = PERIOD_MONTHS[self.period_type]
        start = date(day.year, (day.month - 1) // months * months + 1, 1)
        end = start + relativedelta(months=months, days=-1)
        return max(start, self.date_start), min(end, self.date_end)

    def _get_periods(self, until=None):
        """Every period of the program, in order; only those ended by ``until`` if given."""
        self.ensure_one()
        periods, day = [], self.date_start
        while day <= self.date_end:
            period = self._get_period(day)
            if until is None or period[1] <= until:
                periods.append(period)
            day = period[1] + relativedelta(days=1)
        return periods

    def _get_dealer_domain(self):
        """Hook: the dealers of the program."""
        self.ensure_one()
        scope = []
        if self.dealer_ids:
            scope.append([("id", "in", self.dealer_ids.ids)])
        if self.level_ids:
            scope.append([("dealer_level_id", "in", self.level_ids.ids)])
        if self.region_ids:
            scope.append([("dealer_region_id", "child_of", self.region_ids.ids)])
        domain = scope[0]
        for extra in scope[1:]:
            domain = ["|", *domain, *extra]
        return [("is_dealer", "=", True), *domain]

    def _get_dealers(self):
        self.ensure_one()
        return self.env["res.partner"].with_context(active_test=False).sudo().search(self._get_dealer_domain())

    def _get_product_ids(self):
        """Product ids counted by the program, or None for every product."""
        self.ensure_one()
        if not (self.product_ids or self.categ_ids):
            return None
        products = self.product_ids
        if self.categ_ids:
            products |= (
                self.env["product.product"]
                .with_context(active_test=False)
                .sudo()
                .search([("categ_id", "child_of", self.categ_ids.ids)])
            )
        return products.ids

    # ------------------------------------------------------------
    # VOLUME AND REBATE ARITHMETIC
    # ------------------------------------------------------------

    def _get_volumes(self, period_start, period_end, dealers):
        """{dealer_id: (net amount, net quantity)} over the period, one query for every dealer.

        Customer invoices count positive, credit notes negative; the rebate credit notes
        themselves never count.
        """
        self.ensure_one()
        if not dealers:
            return {}
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        self.env["res.partner"].flush_model(["dealer_id"])
        product_ids = self._get_product_ids()
        query = """
            SELECT partner.dealer_id,
                   SUM(-line.balance),
                   SUM(CASE WHEN move.move_type = 'out_refund' THEN -line.quantity ELSE line.quantity END)
              FROM account_move_line line
              JOIN account_move move ON move.id = line.move_id
              JOIN res_partner partner ON partner.id = move.commercial_partner_id
             WHERE move.state = 'posted'
               AND move.move_type IN ('out_invoice', 'out_refund')
               AND move.dealer_rebate_settlement_id IS NULL
               AND move.company_id = %(company)s
               AND move.invoice_date BETWEEN %(start)s AND %(end)s
               AND line.display_type = 'product'
               AND partner.dealer_id = ANY(%(dealers)s)
        """
        params = {"company": self.company_id.id, "start": period_start, "end": period_end, "dealers": dealers.ids}
        if product_ids is not None:
            query += " AND line.product_id = ANY(%(products)s)"
            params["products"] = product_ids
        query += " GROUP BY partner.dealer_id"
        self.env.cr.execute(query, params)
        return {dealer_id: (amount or 0.0, qty or 0.0) for dealer_id, amount, qty in self.env.cr.fetchall()}

    def _compute_rebate_lines(self, volume, amount):
        """The rebate earned by ``volume`` (measured per the basis) on the net ``amount``.

        Returns (lines, reached tier, next tier) where lines are dicts with tier, rate, base
        (the share of the amount the rate applies to) and amount (rounded to the currency).
        """
        self.ensure_one()
        currency = self.currency_id
        tiers = self.tier_ids.sorted("threshold")
        reached = tiers.filtered(lambda t: float_compare(volume, t.threshold, precision_digits=6) >= 0)
        reached_tier = reached[-1:] if reached else self.env["dealer.rebate.tier"]
        next_tier = (tiers - reached)[:1]
        lines = []
        if not reached_tier or amount <= 0 or volume <= 0:
            return lines, reached_tier, next_tier
        if self.tier_mode == "retroactive":
            lines.append(
                {
                    "tier": reached_tier,
                    "rate": reached_tier.rate,
                    "base": amount,
                    "amount": currency.round(amount * reached_tier.rate / 100.0),
                }
            )
            return lines, reached_tier, next_tier
        tier_list = list(reached)
        for index, tier in enumerate(tier_list):
            upper = tier_list[index + 1].threshold if index + 1 < len(tier_list) else volume
            share = (upper - tier.threshold) / volume
            base = currency.round(amount * share)
            if base:
                lines.append(
                    {"tier": tier, "rate": tier.rate, "base": base, "amount": currency.round(base * tier.rate / 100.0)}
                )
        return lines, reached_tier, next_tier

    # ------------------------------------------------------------
    # ACCRUALS
    # ------------------------------------------------------------

    def _recompute_accruals(self, period_start, period_end, dealers=None):
        """Bring the accruals of one period up to date for ``dealers`` (default: every dealer in scope).

        A constant number of queries for any number of invoice lines; writes are per dealer.
        A period already settled keeps its settlement: the difference becomes an adjustment
        taken into the next settlement (returns claw the rebate back).
        """
        self.ensure_one()
        Accrual = self.env["dealer.rebate.accrual"].sudo()
        in_scope = self._get_dealers()
        dealers = in_scope if dealers is None else dealers & in_scope
        if not dealers:
            return Accrual
        volumes = self._get_volumes(period_start, period_end, dealers)
        last_year = {}
        if self.use_growth_target:
            last_year = self._get_volumes(
                period_start - relativedelta(years=1), period_end - relativedelta(years=1), dealers
            )
        accruals = Accrual.search(
            [
                ("program_id", "=", self.id),
                ("period_start", "=", period_start),
                ("period_end", "=", period_end),
                ("dealer_id", "in", dealers.ids),
            ]
        )
        by_dealer = {accrual.dealer_id.id: accrual for accrual in accruals}
        to_create, adjustments = [], []
        settled = accruals.filtered("settlement_id")
        adjusted = dict(
            self.env["dealer.rebate.adjustment"]
            .sudo()
            ._read_group(
                [
                    ("program_id", "=", self.id),
                    ("origin_period_start", "=", period_start),
                    ("origin_period_end", "=", period_end),
                    ("dealer_id", "in", settled.dealer_id.ids),
                    ("is_carry_over", "=", False),
                ],
                ["dealer_id"],
                ["amount:sum"],
            )
        )
        for dealer in dealers:
            vals = self._prepare_accrual_vals(
                dealer, period_start, period_end, volumes.get(dealer.id, (0.0, 0.0)), last_year.get(dealer.id)
            )
            accrual = by_dealer.get(dealer.id)
            if not accrual:
                if vals["volume"] or vals["amount_base"]:
                    to_create.append(vals)
                continue
            if accrual.settlement_id:
                paid = accrual.settlement_id.amount_rebate + adjusted.get(dealer, 0.0)
                diff = self.currency_id.round(vals["amount"] - paid)
                if not self.currency_id.is_zero(diff):
                    adjustments.append(
                        {
                            "program_id": self.id,
                            "dealer_id": dealer.id,
                            "origin_period_start": period_start,
                            "origin_period_end": period_end,
                            "amount": diff,
                        }
                    )
            changed = {
                key: value
                for key, value in vals.items()
                if key not in ("program_id", "dealer_id", "period_start", "period_end")
                and accrual._fields[key].convert_to_write(accrual[key], accrual) != value
            }
            if changed:
                accrual.write(changed)
        if adjustments:
            self.env["dealer.rebate.adjustment"].sudo().create(adjustments)
        return accruals | Accrual.create(to_create)

    def _prepare_accrual_vals(self, dealer, period_start, period_end, volumes, last_year):
        self.ensure_one()
        amount_base, quantity = volumes
        volume = amount_base if self.basis == "amount" else quantity
        target = 0.0
        growth_met = True
        last_volume = 0.0
        if self.use_growth_target:
            last_amount, last_qty = last_year or (0.0, 0.0)
            last_volume = last_amount if self.basis == "amount" else last_qty
            target = last_volume * (1 + self.growth_rate / 100.0)
            if self.basis == "amount":
                target = self.currency_id.round(target)
            growth_met = float_compare(volume, target, precision_digits=6) >= 0
        lines, reached, next_tier = self._compute_rebate_lines(volume, amount_base)
        if not growth_met:
            lines = []
        return {
            "program_id": self.id,
            "dealer_id": dealer.id,
            "period_start": period_start,
            "period_end": period_end,
            "volume": volume,
            "amount_base": amount_base,
            "last_year_volume": last_volume,
            "growth_target_volume": target,
            "growth_met": growth_met,
            "tier_id": reached.id,
            "rate": reached.rate if growth_met else 0.0,
            "amount": sum(line["amount"] for line in lines),
            "next_threshold": next_tier.threshold if next_tier else 0.0,
            "next_rate": next_tier.rate if next_tier else 0.0,
        }

    def action_recompute_accruals(self):
        """Recompute every period of the programs up to today."""
        today = fields.Date.context_today(self)
        for program in self:
            for start, end in program._get_periods():
                if start <= today:
                    program._recompute_accruals(start, end)
        return True

    @api.model
    def _dealer_rebate_recompute_for_moves(self, moves):
        """Recompute the accruals touched by customer invoices and credit notes, in batch.

        One search of the programs, then one recomputation per (program, period) for the
        dealers of those moves only.
        """
        moves = moves.filtered(
            lambda m: (
                m.move_type in ("out_invoice", "out_refund")
                and not m.dealer_rebate_settlement_id
                and m.commercial_partner_id.dealer_id
                and m.invoice_date
            )
        )
        if not moves:
            return
        programs = (
            self.sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("company_id", "in", moves.company_id.ids),
                    ("date_start", "<=", max(moves.mapped("invoice_date"))),
                    ("date_end", ">=", min(moves.mapped("invoice_date"))),
                ]
            )
        )
        work = {}
        for program in programs:
            for move in moves.filtered(lambda m, p=program: m.company_id == p.company_id):
                period = program._get_period(move.invoice_date)
                if period:
                    work.setdefault((program, period), self.env["res.partner"])
                    work[(program, period)] |= move.commercial_partner_id.dealer_id
        for (program, (start, end)), dealers in work.items():
            program._recompute_accruals(start, end, dealers)

    # ------------------------------------------------------------
    # SETTLEMENT
    # ------------------------------------------------------------

    def action_settle(self):
        """Settle every ended period in a background job per program: one draft credit note per
        dealer and period, never two. The progress shows on the program."""
        # The settlement itself runs as superuser: only those who may edit the programs start it.
        self.check_access("write")
        until = fields.Date.context_today(self) - relativedelta(days=1)
        for program in self:
            if program.settle_job_id.state in ("queued", "running"):
                continue
            program.sudo().settle_job_id = self.env["dealer.job"]._dealer_job_create(
                _("Settle %(program)s up to %(date)s", program=program.name, date=until),
                program,
                payload={"until": str(until)},
                method="_dealer_rebate_settle_job_step",
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _("The settlement runs in the background: its progress shows on the program."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _dealer_rebate_settle_job_step(self, job):
        """Settle the next batch of dealers of the program's ended periods (see action_settle).

        Each batch is one transaction with the job's progress: a job stopped half-way goes
        on with the dealers not settled yet, and the UNIQUE constraint never lets it pay twice.
        """
        self.ensure_one()
        until = fields.Date.to_date((job.payload or {})["until"])
        work = self._settle_pending(until)
        remaining = sum(len(accruals) for _program, accruals, _adjustments in work)
        if not remaining:
            if not job.progress_done:
                raise UserError(_("Nothing to settle: no ended period has a rebate or an adjustment to pay."))
            return True
        program, accruals, adjustments = work[0]
        batch = accruals[: self._get_settle_batch_size()]
        program._settle_accruals(batch, adjustments.filtered(lambda a, d=set(batch.dealer_id.ids): a.dealer_id.id in d))
        done = job.progress_done + len(batch)
        job.write({"progress_done": done, "progress_total": done + remaining - len(batch)})
        return remaining == len(batch)

    @api.model
    def _cron_settle(self):
        programs = self.search([])
        programs._settle_ended_periods(commit=True)

    def _settle_ended_periods(self, commit=False, until=None):
        """Settle the periods ended by ``until`` (default: yesterday) of the programs.

        The dealers of a period are settled in batches (see ``_settle_accruals``), each in its
        own savepoint and, from the scheduled job, committed at once: a crash half-way keeps
        the batches already done, and a run again skips their dealers.
        """
        until = until or fields.Date.context_today(self) - relativedelta(days=1)
        batch_size = self._get_settle_batch_size()
        created = self.env["dealer.rebate.settlement"].sudo()
        for program, to_settle, adjustments in self._settle_pending(until):
            for index in range(0, len(to_settle), batch_size):
                batch = to_settle[index : index + batch_size]
                created |= program._settle_accruals(
                    batch, adjustments.filtered(lambda a, d=set(batch.dealer_id.ids): a.dealer_id.id in d)
                )
                if commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
        return created

    def _settle_pending(self, until):
        """[(program, accruals to settle, the program's pending adjustments)], one entry per
        period ended by ``until`` with dealers not settled yet (their accruals recomputed)."""
        Settlement = self.env["dealer.rebate.settlement"].sudo()
        Adjustment = self.env["dealer.rebate.adjustment"].sudo()
        work = []
        for program in self:
            for start, end in program._get_periods(until=until):
                accruals = program._recompute_accruals(start, end)
                done = Settlement.search(
                    [("program_id", "=", program.id), ("period_start", "=", start), ("period_end", "=", end)]
                )
                pending = accruals.filtered(lambda a, d=set(done.dealer_id.ids): a.dealer_id.id not in d)
                adjustments = Adjustment.search([("program_id", "=", program.id), ("settlement_id", "=", False)])
                adjusted = set(adjustments.dealer_id.ids)
                to_settle = pending.filtered(lambda a, d=adjusted: a.amount > 0 or a.dealer_id.id in d)
                if to_settle:
                    work.append((program, to_settle, adjustments))
        return work

    @api.model
    def _get_settle_batch_size(self):
        """How many dealers are settled (and committed by the scheduled job) together."""
        size = self.env["ir.config_parameter"].sudo().get_param("dealer_rebate.settle_batch_size", "200")
        try:
            return max(int(size), 1)
        except ValueError:
            return 200

    def _settle_accruals(self, accruals, adjustments):
        """Settle ``accruals`` (one period, one per dealer) with the dealers' pending
        ``adjustments``: their settlements and draft credit notes, created together.

        The UNIQUE constraint on the settlement makes a concurrent or repeated run fail here
        instead of paying twice; the dealers of the batch are then settled one by one, and
        those already settled are skipped.
        """
        self.ensure_one()
        if not accruals:
            return self.env["dealer.rebate.settlement"]
        try:
            with self.env.cr.savepoint():
                return self._settle_accruals_together(accruals, adjustments)
        except psycopg2.errors.UniqueViolation:
            self.env.invalidate_all()
            if len(accruals) == 1:
                _logger.info("Rebate of %s for %s already settled", self.name, accruals.dealer_id.name)
                return self.env["dealer.rebate.settlement"]
        settlements = self.env["dealer.rebate.settlement"]
        for accrual in accruals:
            settlements |= self._settle_accruals(
                accrual, adjustments.filtered(lambda a, d=accrual.dealer_id: a.dealer_id == d)
            )
        return settlements

    def _settle_accruals_together(self, accruals, adjustments):
        self.ensure_one()
        settlements = (
            self.env["dealer.rebate.settlement"]
            .sudo()
            .create([self._prepare_settlement_vals(accrual) for accrual in accruals])
        )
        self.env["dealer.rebate.settlement"].flush_model()
        by_dealer = {settlement.dealer_id: settlement for settlement in settlements}
        for adjustment in adjustments:
            adjustment.settlement_id = by_dealer[adjustment.dealer_id]
        for accrual, settlement in zip(accruals, settlements, strict=True):
            accrual.settlement_id = settlement
        settlements._create_credit_notes()
        return settlements

    def _prepare_settlement_vals(self, accrual):
        self.ensure_one()
        return {
            "program_id": self.id,
            "dealer_id": accrual.dealer_id.id,
            "period_start": accrual.period_start,
            "period_end": accrual.period_end,
            "accrual_id": accrual.id,
            "amount_rebate": accrual.amount,
        }

    def _get_credit_note_journal(self):
        self.ensure_one()
        return self.journal_id or self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", self.company_id.id)], limit=1
        )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_accruals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_rebate.dealer_rebate_accrual_action")
        action["domain"] = [("program_id", "=", self.id)]
        action["context"] = {"default_program_id": self.id}
        return action

    def action_view_settlements(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_rebate.dealer_rebate_settlement_action")
        action["domain"] = [("program_id", "in", self.ids)]
        return action

    def action_export_xlsx(self):
        self.ensure_one()
        return self.accrual_ids.action_export_xlsx()
