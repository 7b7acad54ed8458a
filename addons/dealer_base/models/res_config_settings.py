from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import DEFAULT_MAX_LINE_QTY, MAX_LINE_QTY_CEILING, format_number


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_max_line_qty = fields.Float(
        string="Maximum Quantity per Line",
        config_parameter="dealer_base.max_line_qty",
        default=DEFAULT_MAX_LINE_QTY,
        digits=(16, 0),
        help="Dealers cannot order, return or report more than this quantity of a product on one line.",
    )

    @api.constrains("dealer_max_line_qty")
    def _check_dealer_max_line_qty(self):
        for settings in self:
            if not 0 < settings.dealer_max_line_qty <= MAX_LINE_QTY_CEILING:
                raise ValidationError(
                    _("The maximum quantity per line must be between 1 and %s.", format_number(MAX_LINE_QTY_CEILING))
                )
