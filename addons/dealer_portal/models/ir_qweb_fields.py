from odoo import api, models


class MonetaryConverter(models.AbstractModel):
    _inherit = "ir.qweb.field.monetary"

    @api.model
    def value_to_html(self, value, options):
        # An amount that rounds to zero in its currency reads 0.00 on a dealer's pages, never -0.00
        # (a tiny negative left by a sum of floats or a rounding difference). Pages rendered for
        # anyone else keep Odoo's formatting.
        if (
            self.env.context.get("dealer_portal_zero_amounts")
            and isinstance(value, (int, float))
            and not options.get("from_currency")
            and options["display_currency"].is_zero(value)
        ):
            value = 0.0
        return super().value_to_html(value, options)
