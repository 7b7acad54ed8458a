from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_credit_overdue_days = fields.Integer(
        string="Overdue Days Before Hold",
        config_parameter="dealer_credit.overdue_days",
        default=30,
        help="Orders of a dealer with invoices overdue by more than this many days go on credit hold.",
    )
