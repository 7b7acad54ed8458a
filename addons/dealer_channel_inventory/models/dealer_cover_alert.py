from odoo import api, fields, models
from odoo.tools import SQL

from ..tools.channel_math import period_bounds


class DealerCoverAlert(models.Model):
    """A dealer's stock of a product covers fewer weeks than its level's threshold: once per week."""

    _name = "dealer.cover.alert"
    _description = "Dealer Stock Cover Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, cover_weeks, id"
    _rec_name = "product_id"

    dealer_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="cascade")
    period_start = fields.Date(string="Week", required=True, index=True)
    company_id = fields.Many2one("res.company", index=True)
    region_id = fields.Many2one("dealer.region", index=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    team_id = fields.Many2one("crm.team", string="Dealer Sales Team", index=True)
    channel_qty = fields.Float(string="Channel Stock", digits="Product Unit of Measure", readonly=True)
    is_estimated = fields.Boolean(string="Estimated", readonly=True)
    weekly_sellout = fields.Float(string="Weekly Sell-out", digits="Product Unit of Measure", readonly=True)
    cover_weeks = fields.Float(string="Weeks of Cover", digits=(16, 1), readonly=True)
    threshold_weeks = fields.Float(string="Alert Below Weeks", digits=(16, 1), readonly=True)
    suggested_qty = fields.Float(string="Suggested Order", digits="Product Unit of Measure", readonly=True)
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True, tracking=True)

    _sql_constraints = [
        (
            "dealer_product_period_unique",
            "UNIQUE(dealer_id, product_id, period_start)",
            "There is already a cover alert for this dealer, product and week.",
        ),
    ]

    def action_done(self):
        self.write({"state": "done"})
        self.activity_ids.action_feedback()
        return True

    @api.model
    def _generate(self, today=None, dealers=None):
        """Alert on every channel stock at risk of stock-out, once per dealer, product and week.

        One INSERT ... ON CONFLICT DO NOTHING: rows already alerted this week (by an
        earlier or a concurrent run) are skipped by the unique constraint. The
        salesperson of each new alert gets a to-do.
        """
        today = today or fields.Date.context_today(self)
        week_start = period_bounds("week", today)[0]
        self.env.flush_all()
        dealer_filter = SQL("AND cs.dealer_id = ANY(%s)", dealers.ids) if dealers is not None else SQL()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO dealer_cover_alert (
                    dealer_id, product_id, period_start, company_id, region_id, user_id, team_id, channel_qty,
                    is_estimated, weekly_sellout, cover_weeks, threshold_weeks, suggested_qty, state,
                    create_uid, create_date, write_uid, write_date)
                SELECT cs.dealer_id, cs.product_id, %(week)s, cs.company_id, cs.region_id, cs.user_id, cs.team_id,
                       cs.channel_qty, cs.is_estimated, cs.weekly_sellout, cs.cover_weeks, cs.min_weeks,
                       cs.suggested_qty, 'open',
                       %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM dealer_channel_stock cs
                 WHERE cs.status = 'at_risk' %(dealer_filter)s
                ON CONFLICT (dealer_id, product_id, period_start) DO NOTHING
                RETURNING id
                """,
                week=week_start,
                uid=self.env.uid,
                dealer_filter=dealer_filter,
            )
        )
        alerts = self.browse([row[0] for row in self.env.cr.fetchall()])
        alerts._schedule_activities()
        return alerts

    def _schedule_activities(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        with_user = self.filtered(lambda alert: alert.user_id and alert.user_id.active)
        with_user.mapped("display_name")
        summary = self.env._("Dealer stock below its cover threshold")
        return (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True, tracking_disable=True, mail_create_nolog=True)
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": alert.id,
                        "activity_type_id": activity_type.id,
                        "summary": summary,
                        "note": self.env._(
                            "%(dealer)s: %(weeks)s weeks of cover left (alert below %(threshold)s).",
                            dealer=alert.dealer_id.display_name,
                            weeks=round(alert.cover_weeks, 1),
                            threshold=round(alert.threshold_weeks, 1),
                        ),
                        "user_id": alert.user_id.id,
                        "date_deadline": alert.period_start,
                    }
                    for alert in with_user
                ]
            )
        )
