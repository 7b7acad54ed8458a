from odoo import api, fields, models, tools


class DealerReportCompliance(models.Model):
    """Did each active dealer report its stock for its last closed period (week or month)?"""

    _name = "dealer.report.compliance"
    _description = "Dealer Stock Reporting Compliance"
    _auto = False
    _order = "reported, last_period_end nulls first, dealer_id"
    _rec_name = "dealer_id"
    _depends = {
        "res.partner": [
            "is_dealer",
            "active",
            "dealer_state",
            "dealer_region_id",
            "dealer_level_id",
            "user_id",
            "dealer_team_id",
            "channel_report_period",
            "channel_reminded_period_end",
        ],
        "dealer.stock.report": ["dealer_id", "period_end"],
    }

    dealer_id = fields.Many2one("res.partner", readonly=True)
    region_id = fields.Many2one("dealer.region", readonly=True)
    level_id = fields.Many2one("dealer.level", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Dealer Sales Team", readonly=True)
    period_type = fields.Selection([("week", "Weekly"), ("month", "Monthly")], string="Reporting", readonly=True)
    period_end = fields.Date(string="Period Due", readonly=True, help="End of the last closed period.")
    last_period_end = fields.Date(string="Last Reported Period", readonly=True)
    reported = fields.Boolean(readonly=True)
    reminded = fields.Boolean(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # The partner's columns may not be created yet when this module is installed: the view needs them.
        for column, column_type in (("channel_report_period", "varchar"), ("channel_reminded_period_end", "date")):
            if not tools.sql.column_exists(self.env.cr, "res_partner", column):
                tools.sql.create_column(self.env.cr, "res_partner", column, column_type)
        self.env.cr.execute(
            """
            CREATE VIEW dealer_report_compliance AS (
                SELECT p.id, p.id AS dealer_id, p.dealer_region_id AS region_id, p.dealer_level_id AS level_id,
                       p.user_id, p.dealer_team_id AS team_id,
                       COALESCE(p.channel_report_period, 'week') AS period_type,
                       due.period_end, last.period_end AS last_period_end,
                       COALESCE(last.period_end >= due.period_end, FALSE) AS reported,
                       COALESCE(p.channel_reminded_period_end = due.period_end, FALSE) AS reminded
                  FROM res_partner p
                 CROSS JOIN LATERAL (
                        SELECT CASE WHEN p.channel_report_period = 'month'
                                    THEN (date_trunc('month', CURRENT_DATE) - INTERVAL '1 day')::date
                                    ELSE (date_trunc('week', CURRENT_DATE) - INTERVAL '1 day')::date END AS period_end
                       ) due
                  LEFT JOIN LATERAL (
                        SELECT MAX(r.period_end) AS period_end FROM dealer_stock_report r WHERE r.dealer_id = p.id
                       ) last ON TRUE
                 WHERE p.is_dealer AND p.active AND p.dealer_state = 'active'
            )
            """
        )

    @api.model
    def _remind_late_dealers(self):
        """E-mail every dealer late with its report, once per period."""
        self.env.flush_all()
        late = self.search([("reported", "=", False), ("reminded", "=", False)])
        template = self.env.ref(
            "dealer_channel_inventory.mail_template_stock_report_reminder", raise_if_not_found=False
        )
        if not late or not template:
            return self.browse()
        for row in late:
            template.with_context(dealer_channel_inventory_period_end=row.period_end).send_mail(
                row.dealer_id.id, email_layout_xmlid="mail.mail_notification_light"
            )
        by_period = {}
        for row in late:
            by_period.setdefault(row.period_end, self.env["res.partner"])
            by_period[row.period_end] |= row.dealer_id
        for period_end, dealers in by_period.items():
            dealers.sudo().write({"channel_reminded_period_end": period_end})
        return late
