from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    channel_decline_pct = fields.Float(
        string="Decline (%)", config_parameter="channel_analytics.decline_pct", default=20.0
    )
    channel_decline_months = fields.Integer(
        string="Consecutive Months", config_parameter="channel_analytics.decline_months", default=3
    )
    channel_dormant_days = fields.Integer(
        string="Dormant After (Days)", config_parameter="channel_analytics.dormant_days", default=60
    )
    channel_overdue_pct = fields.Float(
        string="Overdue Increase (%)", config_parameter="channel_analytics.overdue_pct", default=50.0
    )
    channel_overdue_threshold = fields.Float(
        string="Overdue Threshold", config_parameter="channel_analytics.overdue_threshold", default=100000.0
    )
    channel_surge_factor = fields.Float(
        string="Surge Factor", config_parameter="channel_analytics.surge_factor", default=3.0
    )
