from odoo import models


class StockPicking(models.Model):
    """A dealer order's delivery, done, raises order.shipped for the order."""

    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        shipped = self.filtered(lambda picking: picking.state == "done" and picking.picking_type_code == "outgoing")
        orders = shipped.sale_id
        if orders:
            orders = orders.with_context(dealer_api_shipped_picking_ids=shipped.ids)
            self.env["dealer.api.event"]._dealer_api_emit("order.shipped", orders)
        return result

    def _dealer_api_shipment_payload(self):
        """{picking id: the shipment as an order's events tell it}; modules add their keys."""
        return {
            picking.id: {
                "reference": picking.name,
                "date_done": picking.date_done.strftime("%Y-%m-%dT%H:%M:%SZ") if picking.date_done else None,
                "carrier": picking.dealer_carrier or None,
                "tracking_numbers": picking._dealer_tracking_numbers(),
                "lines": [
                    {
                        "sku": move.product_id.default_code or None,
                        "product": move.product_id.name,
                        "quantity": move.quantity,
                    }
                    for move in picking.move_ids
                    if move.state == "done"
                ],
            }
            for picking in self
        }
