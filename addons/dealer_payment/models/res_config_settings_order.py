from odoo import fields, models
from odoo.tools import str2bool

from .sale_order import PAID_ORDERS_SKIP_CREDIT


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Not a config_parameter field: unticking it must store "False", not delete the key (default on).
    dealer_payment_paid_orders_skip_credit = fields.Boolean(
        string="Paid Orders Skip Credit",
        help="A dealer order paid online in full is confirmed without the credit rules and does not hold "
        "the dealer's credit.",
    )

    def get_values(self):
        values = super().get_values()
        value = self.env["ir.config_parameter"].sudo().get_param(PAID_ORDERS_SKIP_CREDIT, "True")
        values["dealer_payment_paid_orders_skip_credit"] = str2bool(value)
        return values

    def set_values(self):
        result = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            PAID_ORDERS_SKIP_CREDIT, str(bool(self.dealer_payment_paid_orders_skip_credit))
        )
        return result
