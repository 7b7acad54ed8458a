from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class DealerRebateSettlement(models.Model):
    _name = "dealer.rebate.settlement"
    _description = "Dealer Rebate Settlement"
    _order = "period_start desc, program_id, dealer_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    program_id = fields.Many2one("dealer.rebate.program", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    dealer_id = fields.Many2one("res.partner", required=True, index=True, ondelete="restrict")
    dealer_region_id = fields.Many2one(related="dealer_id.dealer_region_id", store=True, string="Sales Region")
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    accrual_id = fields.Many2one("dealer.rebate.accrual", ondelete="set null")
    adjustment_ids = fields.One2many("dealer.rebate.adjustment", "settlement_id", string="Adjustments")
    amount_rebate = fields.Monetary(string="Rebate", help="Rebate earned in the period when it was settled.")
    amount_adjustment = fields.Monetary(string="Adjusted", compute="_compute_amount_total", store=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_amount_total", store=True)
    move_id = fields.Many2one("account.move", string="Credit Note", index=True, readonly=True, ondelete="restrict")
    state = fields.Selection(
        [
            ("draft", "Credit Note to Review"),
            ("posted", "Credit Note Posted"),
            ("cancel", "Cancelled"),
            ("empty", "Nothing to Pay"),
        ],
        default="draft",
        required=True,
        index=True,
    )

    _sql_constraints = [
        (
            "dealer_rebate_settlement_unique",
            "UNIQUE(program_id, dealer_id, period_start, period_end)",
            "This dealer's rebate for this program and period is already settled.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("amount_rebate", "adjustment_ids.amount")
    def _compute_amount_total(self):
        for settlement in self:
            settlement.amount_adjustment = sum(settlement.adjustment_ids.mapped("amount"))
            settlement.amount_total = settlement.amount_rebate + settlement.amount_adjustment

    @api.depends("program_id", "dealer_id", "period_start", "period_end")
    def _compute_display_name(self):
        for settlement in self:
            settlement.display_name = (
                f"{settlement.program_id.name} / {settlement.dealer_id.name} / "
                f"{settlement.period_start} – {settlement.period_end}"
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_credit_note(self):
        for settlement in self:
            if settlement.move_id and settlement.move_id.state != "cancel":
                raise UserError(
                    _(
                        "Settlement %s still has a credit note: cancel the credit note before deleting the settlement.",
                        settlement.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CREDIT NOTE
    # ------------------------------------------------------------

    def _create_credit_notes(self):
        """One draft credit note per settlement, a line per tier and per adjustment; all
        the credit notes are created together.

        When the adjustments claw back more than the period pays, no credit note is made and
        the balance waits for the next settlement.
        """
        empty = self.filtered(lambda s: s.currency_id.compare_amounts(s.amount_total, 0.0) <= 0)
        empty.state = "empty"
        self.env["dealer.rebate.adjustment"].create(
            [
                {
                    "program_id": settlement.program_id.id,
                    "dealer_id": settlement.dealer_id.id,
                    "origin_period_start": settlement.period_start,
                    "origin_period_end": settlement.period_end,
                    "amount": settlement.amount_total,
                    "is_carry_over": True,
                }
                for settlement in empty
                if settlement.currency_id.compare_amounts(settlement.amount_total, 0.0) < 0
            ]
        )
        to_pay = self - empty
        journals = {program: program._get_credit_note_journal() for program in to_pay.program_id}
        # A batch job: no creation message, tracking values nor followers per credit note (the
        # settlement links each one to its period); the reviewer's edits are tracked as usual.
        moves = (
            self.env["account.move"]
            .with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
            .create([settlement._prepare_credit_note_vals(journals[settlement.program_id]) for settlement in to_pay])
        )
        moves = moves.with_env(self.env)
        for settlement, move in zip(to_pay, moves, strict=True):
            settlement.move_id = move
        return moves

    def _prepare_credit_note_vals(self, journal=None):
        self.ensure_one()
        program = self.program_id
        journal = journal or program._get_credit_note_journal()
        if not journal:
            raise UserError(_("Company %s has no sales journal for rebate credit notes.", program.company_id.name))
        account = program.account_id or journal.default_account_id
        lines = []
        if self.accrual_id and self.amount_rebate:
            accrual = self.accrual_id
            rebate_lines, __, __ = program._compute_rebate_lines(accrual.volume, accrual.amount_base)
            for line in rebate_lines:
                base = f"{line['base']:,.2f}"
                lines.append(
                    Command.create(
                        {
                            "name": _(
                                "%(program)s %(start)s – %(end)s: %(rate)s%% of %(base)s",
                                program=program.name,
                                start=self.period_start,
                                end=self.period_end,
                                rate=line["rate"],
                                base=base,
                            ),
                            "quantity": 1.0,
                            "price_unit": line["amount"],
                            "account_id": account.id,
                            "tax_ids": [Command.clear()],
                        }
                    )
                )
        for adjustment in self.adjustment_ids:
            lines.append(
                Command.create(
                    {
                        "name": _(
                            "Adjustment of %(program)s %(start)s – %(end)s",
                            program=program.name,
                            start=adjustment.origin_period_start,
                            end=adjustment.origin_period_end,
                        ),
                        "quantity": 1.0,
                        "price_unit": adjustment.amount,
                        "account_id": account.id,
                        "tax_ids": [Command.clear()],
                    }
                )
            )
        vals = {
            "move_type": "out_refund",
            "partner_id": self.dealer_id.id,
            "company_id": program.company_id.id,
            "journal_id": journal.id,
            "currency_id": program.currency_id.id,
            "ref": _(
                "Rebate %(program)s %(start)s – %(end)s",
                program=program.name,
                start=self.period_start,
                end=self.period_end,
            ),
            "dealer_rebate_settlement_id": self.id,
            "invoice_line_ids": lines,
        }
        # Like the dealer's invoices, the credit note belongs to its salesperson and sales team.
        dealer = self.dealer_id
        if dealer.user_id:
            vals["invoice_user_id"] = dealer.user_id.id
        if dealer.dealer_team_id:
            vals["team_id"] = dealer.dealer_team_id.id
        return vals

    def action_open_credit_note(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
