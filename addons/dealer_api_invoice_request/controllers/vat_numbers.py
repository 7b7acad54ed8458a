from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_api.controllers.main import DealerApiController, dealer_api_route
from odoo.addons.dealer_api.tools.openapi import ApiOperation

from ..models.dealer_api_call_vat_numbers import MAX_INVOICE_NUMBER, MAX_VAT_ROWS

_lt = LazyTranslate(__name__)

VAT_NUMBERS_WRITE = ApiOperation(
    operation="vat_numbers_write",
    method="POST",
    summary=_lt("Push the numbers of VAT invoices issued"),
    description=_lt(
        "The brand's invoicing system (金税 or its ERP) tells the number (发票号) and date of the VAT invoice "
        "issued for each posted invoice or credit note of a dealer; the dealer and the accountant see it on "
        "the invoice. A wrong row refuses them all (422 lists every wrong row) and nothing is saved; an "
        "invoice that is no dealer's is not found."
    ),
    scope="invoices:write",
    audience=("integration",),
    acts_for="key",
    statuses=(422,),
    tags=("invoices",),
    request_schema={
        "type": "object",
        "required": ["invoices"],
        "properties": {
            "invoices": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_VAT_ROWS,
                "items": {
                    "type": "object",
                    "required": ["invoice", "dealer", "vat_invoice_number"],
                    "properties": {
                        "invoice": {
                            "type": "string",
                            "minLength": 1,
                            "maxLength": MAX_INVOICE_NUMBER,
                            "description": "The invoice's number in Odoo (INV/2026/00042).",
                        },
                        "dealer": {
                            "type": "string",
                            "maxLength": 64,
                            "description": "The code of the dealer the invoice is made out to.",
                        },
                        "vat_invoice_number": {"type": "string", "pattern": "^[0-9]{8,20}$"},
                        "vat_invoice_date": {"type": "string", "format": "date"},
                    },
                },
            },
        },
    },
    response_schema={
        "type": "object",
        "required": ["status", "invoices"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "invoices": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["invoice", "dealer", "vat_invoice_number", "vat_invoice_date"],
                    "properties": {
                        "invoice": {"type": "string"},
                        "dealer": {"type": "string", "nullable": True},
                        "vat_invoice_number": {"type": "string"},
                        "vat_invoice_date": {"type": "string", "format": "date", "nullable": True},
                    },
                },
            },
        },
    },
)


class DealerVatNumberApi(DealerApiController):
    """The brand's systems: VAT invoice numbers of dealers' invoices in (integration keys only)."""

    @dealer_api_route("/invoices/vat_numbers", VAT_NUMBERS_WRITE)
    def dealer_api_vat_numbers(self, **kw):
        return self._dealer_api_respond(VAT_NUMBERS_WRITE)
