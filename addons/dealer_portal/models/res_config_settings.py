from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_portal_min_order_amount = fields.Float(
        string="Dealer Minimum Order Amount",
        config_parameter="dealer_portal.min_order_amount",
        help="Portal orders below this untaxed amount are held for review (0: no minimum).",
    )
    dealer_portal_login_not_email = fields.Boolean(
        string="Logins are not e-mail addresses",
        config_parameter="dealer_portal.login_not_email",
        help="The login page asks for an account instead of an e-mail address.",
    )
