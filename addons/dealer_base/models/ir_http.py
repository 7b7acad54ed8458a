from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        # The web client shows the dealer steps' menu (and asks for its counts) only when this is set:
        # users outside the dealer back office make no extra request.
        result = super().session_info()
        if self.env.user._is_internal():
            result["dealer_waiting_steps"] = self.env["sale.order"]._dealer_waiting_menu_shown()
        return result
