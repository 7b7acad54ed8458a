from odoo import api, models

# The mixin must be defined before the models inheriting it (the package imports these files first).
from . import dealer_api_event  # noqa: F401

CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")
PAID_STATES = ("paid", "in_payment")


class AccountMove(models.Model):
    """A dealer's customer invoice raises invoice.posted and its orders' order.invoiced when it is
    posted, and order.paid for its orders when it is paid in full."""

    _name = "account.move"
    _inherit = ["account.move", "dealer.api.event.source"]

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        invoices = posted.filtered(lambda move: move.move_type in CUSTOMER_MOVE_TYPES and move.state == "posted")
        if invoices:
            Event = self.env["dealer.api.event"]
            Event._dealer_api_emit("invoice.posted", invoices)
            orders = invoices.filtered(lambda move: move.move_type == "out_invoice").invoice_line_ids.sale_line_ids
            Event._dealer_api_emit("order.invoiced", orders.order_id)
        return posted

    @api.model
    def _dealer_api_event_object_type(self):
        return "invoice"

    def _dealer_api_event_dealers(self):
        return {
            move.id: move.commercial_partner_id.dealer_id
            for move in self
            if move.move_type in CUSTOMER_MOVE_TYPES and move.commercial_partner_id.dealer_id
        }

    def _dealer_api_event_payload(self, event_type):
        result = super()._dealer_api_event_payload(event_type)
        for move in self:
            result[move.id].update(
                {
                    "number": move.name,
                    "type": "credit_note" if move.move_type == "out_refund" else "invoice",
                    "state": move.state,
                    "invoice_date": move.invoice_date.isoformat() if move.invoice_date else None,
                    "due_date": move.invoice_date_due.isoformat() if move.invoice_date_due else None,
                    "currency": move.currency_id.name,
                    "amount_untaxed": move.amount_untaxed,
                    "amount_tax": move.amount_tax,
                    "amount_total": move.amount_total,
                    "amount_residual": move.amount_residual,
                    "payment_state": move.payment_state,
                    "orders": sorted(set(move.invoice_line_ids.sale_line_ids.order_id.mapped("name"))),
                }
            )
        return result

    def _dealer_api_emit_paid(self, paid_before):
        """order.paid for the orders of those of these invoices that became paid (they were not in
        ``paid_before``, a set of ids) and left none of their orders' invoices unpaid."""
        newly_paid = self.filtered(lambda move: move.id not in paid_before and move.payment_state in PAID_STATES)
        orders = newly_paid.invoice_line_ids.sale_line_ids.order_id
        if orders:
            self.env["dealer.api.event"]._dealer_api_emit("order.paid", orders._dealer_api_paid_orders())
