from odoo.tools.translate import LazyTranslate

from ..models.dealer_api_call_payments import MAX_PAYMENT_AMOUNT, MAX_PAYMENT_INVOICES, MAX_PAYMENTS, MAX_REFERENCE
from ..tools.openapi import ApiOperation
from .main import DealerApiController, dealer_api_route

_lt = LazyTranslate(__name__)

_TEXT = {"type": "string", "minLength": 1, "maxLength": MAX_REFERENCE}
PAYMENT_SCHEMA = {
    "type": "object",
    "required": ["reference", "dealer", "name", "state", "amount", "currency", "date", "journal", "invoices"],
    "properties": {
        "reference": {"type": "string"},
        "dealer": {"type": "string", "nullable": True},
        "name": {"type": "string", "description": "The payment's number in Odoo."},
        "state": {"type": "string"},
        "amount": {"type": "number"},
        "currency": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "journal": {"type": "string"},
        "invoices": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["number", "amount_residual", "payment_state"],
                "properties": {
                    "number": {"type": "string"},
                    "amount_residual": {"type": "number"},
                    "payment_state": {"type": "string"},
                },
            },
        },
    },
}
PAYMENTS_CREATE = ApiOperation(
    operation="payments_create",
    method="POST",
    summary=_lt("Push payments received outside Odoo"),
    description=_lt(
        "The brand's ERP or bank tells of payments dealers made: each becomes a posted customer payment "
        "of the dealer in the brand's bank journal, reconciled with the invoices named (what they still "
        "owe must cover the amount), and lowers the dealer's receivable and used credit. A reference is "
        "recorded once per dealer. One wrong payment refuses them all (422 lists every wrong row) and "
        "nothing is recorded."
    ),
    scope="payments:write",
    audience=("integration",),
    acts_for="key",
    statuses=(422,),
    tags=("payments",),
    request_schema={
        "type": "object",
        "required": ["payments"],
        "properties": {
            "payments": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_PAYMENTS,
                "items": {
                    "type": "object",
                    "required": ["dealer", "amount", "date", "reference"],
                    "properties": {
                        "dealer": dict(_TEXT, description="The dealer's code."),
                        "amount": {
                            "type": "number",
                            "exclusiveMinimum": True,
                            "minimum": 0,
                            "maximum": MAX_PAYMENT_AMOUNT,
                        },
                        "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                        "date": {"type": "string", "format": "date"},
                        "reference": dict(_TEXT, description="The payment's reference in the brand's system."),
                        "invoices": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": MAX_PAYMENT_INVOICES,
                            "items": _TEXT,
                        },
                    },
                },
            },
        },
    },
    response_schema={
        "type": "object",
        "required": ["status", "payments"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "payments": {"type": "array", "items": PAYMENT_SCHEMA},
        },
    },
)


class DealerPaymentApi(DealerApiController):
    """The brand's systems: payments received outside Odoo in (integration keys only)."""

    @dealer_api_route("/payments", PAYMENTS_CREATE)
    def dealer_api_payments(self, **kw):
        return self._dealer_api_respond(PAYMENTS_CREATE)
