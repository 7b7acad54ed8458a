from odoo import api, models

# The mixin must be defined before the models inheriting it (the package imports these files first).
from . import dealer_api_event  # noqa: F401


class SaleOrder(models.Model):
    """A dealer's order raises the API's order events; its payload is the order's snapshot."""

    _name = "sale.order"
    _inherit = ["sale.order", "dealer.api.event.source"]

    def _action_confirm(self):
        result = super()._action_confirm()
        self.env["dealer.api.event"]._dealer_api_emit("order.confirmed", self)
        return result

    @api.model
    def _dealer_api_event_object_type(self):
        return "order"

    def _dealer_api_event_payload(self, event_type):
        """The order as its dealer's systems know it: state, amounts, lines and posted invoices."""
        result = super()._dealer_api_event_payload(event_type)
        for order in self:
            result[order.id].update(
                {
                    "reference": order.name,
                    "client_order_ref": order.client_order_ref or None,
                    "state": order.state,
                    "date_order": order.date_order.strftime("%Y-%m-%dT%H:%M:%SZ") if order.date_order else None,
                    "currency": order.currency_id.name,
                    "amount_untaxed": order.amount_untaxed,
                    "amount_total": order.amount_total,
                    "invoice_status": order.invoice_status or None,
                    "lines": [
                        {
                            "sku": line.product_id.default_code or None,
                            "product": line.product_id.name,
                            "quantity": line.product_uom_qty,
                            "delivered": line.qty_delivered,
                            "invoiced": line.qty_invoiced,
                            "price_unit": line.price_unit,
                            "subtotal": line.price_subtotal,
                        }
                        for line in order.order_line
                        if not line.display_type
                    ],
                    "invoices": [
                        {
                            "number": move.name,
                            "type": "credit_note" if move.move_type == "out_refund" else "invoice",
                            "payment_state": move.payment_state,
                            "amount_total": move.amount_total,
                            "amount_residual": move.amount_residual,
                        }
                        for move in order.invoice_ids
                        if move.state == "posted"
                    ],
                }
            )
        return result

    def _dealer_api_paid_orders(self):
        """Those of these orders fully invoiced whose posted invoices are all paid."""
        paid_states = ("paid", "in_payment", "reversed")
        return self.filtered(
            lambda order: (
                order.invoice_status == "invoiced"
                and order.invoice_ids.filtered(lambda m: m.state == "posted" and m.move_type == "out_invoice")
                and all(
                    move.payment_state in paid_states
                    for move in order.invoice_ids
                    if move.state == "posted" and move.move_type == "out_invoice"
                )
            )
        )
