from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    dealer_received_date = fields.Date(
        string="Received On",
        copy=False,
        help="When the dealer confirmed receipt of this delivery (in the portal or as told to the brand).",
    )

    def _action_done(self):
        result = super()._action_done()
        # Whoever validates the delivery (a warehouse user may not read the order), its dealer is told.
        shipped = self.sudo().filtered(
            lambda p: p.state == "done" and p.picking_type_code == "outgoing" and p.sale_id.dealer_submitted_date
        )
        for order in shipped.sale_id:
            order._dealer_notify("dealer_portal.mail_template_dealer_order_shipped")
        return result
