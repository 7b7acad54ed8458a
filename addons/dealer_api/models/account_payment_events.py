from odoo import api, models

# The mixin must be defined before the models inheriting it (the package imports these files first).
from . import dealer_api_event  # noqa: F401


class AccountPayment(models.Model):
    """A payment received from a dealer raises payment.received when it is posted."""

    _name = "account.payment"
    _inherit = ["account.payment", "dealer.api.event.source"]

    def action_post(self):
        result = super().action_post()
        received = self.filtered(
            lambda payment: (
                payment.payment_type == "inbound"
                and payment.partner_type == "customer"
                and payment.state in ("in_process", "paid")
            )
        )
        if received:
            # Payments the register wizard creates are posted already: one event per payment.
            Event = self.env["dealer.api.event"].sudo()
            told = Event.search(
                [
                    ("event_type", "=", "payment.received"),
                    ("res_model", "=", self._name),
                    ("res_id", "in", received.ids),
                ]
            )
            Event._dealer_api_emit("payment.received", received.filtered(lambda p: p.id not in told.mapped("res_id")))
        return result

    @api.model
    def _dealer_api_event_object_type(self):
        return "payment"

    def _dealer_api_event_payload(self, event_type):
        result = super()._dealer_api_event_payload(event_type)
        for payment in self:
            result[payment.id].update(
                {
                    "reference": payment.name,
                    "date": payment.date.isoformat() if payment.date else None,
                    "amount": payment.amount,
                    "currency": payment.currency_id.name,
                    "memo": payment.memo or None,
                    "state": payment.state,
                    "invoices": sorted(set(payment.invoice_ids.mapped("name"))),
                }
            )
        return result
