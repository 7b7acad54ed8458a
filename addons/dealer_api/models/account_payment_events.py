from odoo import api, models

# The mixin must be defined before the models inheriting it (the package imports these files first).
from . import dealer_api_event  # noqa: F401


class AccountPayment(models.Model):
    """A payment received from a dealer raises payment.received when it is posted."""

    _name = "account.payment"
    _inherit = ["account.payment", "dealer.api.event.source"]

    def action_post(self):
        draft = self.filtered(lambda payment: payment.state in (False, "draft"))
        result = super().action_post()
        received = draft.filtered(
            lambda payment: (
                payment.payment_type == "inbound"
                and payment.partner_type == "customer"
                and payment.state not in ("draft", "canceled", "rejected")
            )
        )
        self.env["dealer.api.event"]._dealer_api_emit("payment.received", received)
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
