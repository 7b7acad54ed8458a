import base64
import io

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from odoo.addons.dealer_base.tools import xlsx_workbook, xlsx_write, xlsx_write_row


class DealerRebateAccrual(models.Model):
    _name = "dealer.rebate.accrual"
    _description = "Dealer Rebate Accrual"
    _order = "period_start desc, program_id, dealer_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    program_id = fields.Many2one("dealer.rebate.program", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="program_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    basis = fields.Selection(related="program_id.basis")
    dealer_id = fields.Many2one("res.partner", required=True, index=True, ondelete="restrict")
    dealer_region_id = fields.Many2one(related="dealer_id.dealer_region_id", store=True, string="Sales Region")
    dealer_level_id = fields.Many2one(related="dealer_id.dealer_level_id", store=True, string="Dealer Level")
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True, index=True)
    volume = fields.Float(digits="Product Price", help="Net invoiced amount or quantity, per the program's basis.")
    amount_base = fields.Monetary(string="Net Invoiced", help="Untaxed invoiced amount net of credit notes.")
    last_year_volume = fields.Float(string="Last Year", digits="Product Price")
    growth_target_volume = fields.Float(string="Growth Target", digits="Product Price")
    growth_met = fields.Boolean(string="Growth Target Met", default=True)
    tier_id = fields.Many2one("dealer.rebate.tier", string="Tier Reached", ondelete="set null")
    rate = fields.Float(string="Rate (%)", digits=(16, 2))
    amount = fields.Monetary(string="Accrued", help="Rebate earned so far in the period.")
    next_threshold = fields.Float(string="Next Tier", digits="Product Price")
    next_rate = fields.Float(string="Next Rate (%)", digits=(16, 2))
    amount_to_next = fields.Float(
        string="To Next Tier",
        compute="_compute_amount_to_next",
        store=True,
        digits="Product Price",
        help="How much more volume reaches the next tier.",
    )
    settlement_id = fields.Many2one("dealer.rebate.settlement", index=True, ondelete="set null", copy=False)
    amount_settled = fields.Monetary(
        string="Settled",
        related="settlement_id.amount_rebate",
        store=True,
        help="Rebate of this period paid by its settlement (adjustments of other periods not included).",
    )
    state = fields.Selection(
        [("open", "Open"), ("settled", "Settled")], compute="_compute_state", store=True, index=True
    )

    _sql_constraints = [
        (
            "dealer_rebate_accrual_unique",
            "UNIQUE(program_id, dealer_id, period_start, period_end)",
            "A dealer has one accrual per program and period.",
        ),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("volume", "next_threshold")
    def _compute_amount_to_next(self):
        for accrual in self:
            accrual.amount_to_next = (
                max(accrual.next_threshold - accrual.volume, 0.0) if accrual.next_threshold else 0.0
            )

    @api.depends("settlement_id")
    def _compute_state(self):
        for accrual in self:
            accrual.state = "settled" if accrual.settlement_id else "open"

    @api.depends("program_id", "dealer_id", "period_start", "period_end")
    def _compute_display_name(self):
        for accrual in self:
            accrual.display_name = (
                f"{accrual.program_id.name} / {accrual.dealer_id.name} / {accrual.period_start} – {accrual.period_end}"
            )

    # ------------------------------------------------------------
    # PORTAL
    # ------------------------------------------------------------

    @api.model
    def _dealer_rebate_progress(self, dealer):
        """The rebate progress of one dealer, as plain values for the portal: the running
        periods, and the ended ones with a rebate earned but not settled yet.

        The caller must be the dealer itself (one of its users) or a back-office user.
        """
        dealer = dealer.commercial_partner_id
        user = self.env.user
        if not (self.env.su or user._is_internal() or user.partner_id.commercial_partner_id == dealer):
            raise AccessError(_("You can only see your own rebates."))
        today = fields.Date.context_today(self)
        accruals_sudo = self.sudo().search(
            [
                ("dealer_id", "=", dealer.id),
                ("program_id.active", "=", True),
                "|",
                ("period_end", ">=", today),
                "&",
                ("state", "=", "open"),
                ("amount", ">", 0),
            ]
        )
        return [
            {
                "program": accrual.program_id.name,
                "period_start": accrual.period_start,
                "period_end": accrual.period_end,
                "basis": accrual.basis,
                "volume": accrual.volume,
                "amount_base": accrual.amount_base,
                "tier": accrual.tier_id.display_name if accrual.tier_id else False,
                "rate": accrual.rate,
                "amount": accrual.amount,
                "next_threshold": accrual.next_threshold,
                "next_rate": accrual.next_rate,
                "amount_to_next": accrual.amount_to_next,
                "growth_target": accrual.growth_target_volume,
                "growth_met": accrual.growth_met,
                "currency": accrual.currency_id,
                "state": accrual.state,
            }
            for accrual in accruals_sudo
        ]

    # ------------------------------------------------------------
    # EXPORT
    # ------------------------------------------------------------

    def _get_xlsx_rows(self):
        """Hook: header and rows of the Excel export."""
        header = [
            _("Program"),
            _("Dealer"),
            _("Sales Region"),
            _("Dealer Level"),
            _("Period Start"),
            _("Period End"),
            _("Volume"),
            _("Net Invoiced"),
            _("Rate (%)"),
            _("Accrued"),
            _("Settled"),
            _("To Next Tier"),
        ]
        rows = [
            [
                accrual.program_id.name,
                accrual.dealer_id.display_name,
                accrual.dealer_region_id.display_name or "",
                accrual.dealer_level_id.display_name or "",
                accrual.period_start,
                accrual.period_end,
                accrual.volume,
                accrual.amount_base,
                accrual.rate,
                accrual.amount,
                accrual.amount_settled,
                accrual.amount_to_next,
            ]
            for accrual in self
        ]
        return header, rows

    def _export_xlsx_content(self):
        header, rows = self._get_xlsx_rows()
        output = io.BytesIO()
        workbook = xlsx_workbook(output)
        sheet = workbook.add_worksheet(_("Rebates"))
        bold = workbook.add_format({"bold": True})
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        xlsx_write_row(sheet, 0, header, bold)
        for row_index, row in enumerate(rows, start=1):
            for col, value in enumerate(row):
                xlsx_write(sheet, row_index, col, value, money if isinstance(value, float) else None, date_format=day)
        sheet.set_column(0, 3, 24)
        sheet.set_column(4, len(header) - 1, 14)
        workbook.close()
        return output.getvalue()

    def action_export_xlsx(self):
        """Download the selected accruals, accrued against settled, as an Excel file."""
        self.check_access("read")
        attachment = self.env["ir.attachment"].create(
            {
                "name": _("rebates.xlsx"),
                "datas": base64.b64encode(self._export_xlsx_content()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "res_model": self._name,
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}
