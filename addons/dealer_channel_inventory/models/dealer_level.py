from odoo import fields, models


class DealerLevel(models.Model):
    _inherit = "dealer.level"

    channel_target_weeks = fields.Float(
        string="Target Weeks of Cover",
        default=4.0,
        help="Suggested orders bring a dealer's stock up to this many weeks of its forecast sell-out.",
    )
    channel_min_weeks = fields.Float(
        string="Alert Below Weeks of Cover",
        default=2.0,
        help="A dealer whose stock of a product covers fewer weeks is at risk of stock-out: its salesperson "
        "gets an alert.",
    )
    channel_max_weeks = fields.Float(
        string="Overstocked Above Weeks of Cover",
        default=12.0,
        help="A dealer whose stock of a product covers more weeks is overstocked.",
    )

    _sql_constraints = [
        (
            "channel_weeks_positive",
            "CHECK(channel_target_weeks >= 0 AND channel_min_weeks >= 0 AND channel_max_weeks >= 0)",
            "Weeks of cover cannot be negative.",
        ),
    ]
