from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _dealer_api_event_payload(self, event_type):
        """The orders' done deliveries in every order event; order.shipped names the ones that
        shipped it ("shipped_now")."""
        result = super()._dealer_api_event_payload(event_type)
        pickings = self.picking_ids.filtered(
            lambda picking: picking.state == "done" and picking.picking_type_code == "outgoing"
        )
        shipments = pickings._dealer_api_shipment_payload()
        shipped_now = set(self.env.context.get("dealer_api_shipped_picking_ids") or ())
        for order in self:
            done = order.picking_ids & pickings
            result[order.id]["shipments"] = [shipments[picking.id] for picking in done.sorted("id")]
            if event_type == "order.shipped":
                result[order.id]["shipped_now"] = [picking.name for picking in done if picking.id in shipped_now]
        return result
