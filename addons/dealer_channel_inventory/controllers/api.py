from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_api.controllers.main import DealerApiController, dealer_api_route
from odoo.addons.dealer_api.tools.openapi import ApiOperation, ApiParameter

_lt = LazyTranslate(__name__)

_STATUS = {"type": "string", "enum": ["ok"]}
STOCK_REPORT_LINE = {
    "type": "object",
    "properties": {
        "sku": {"type": "string", "description": "Internal reference or barcode."},
        "on_hand": {"type": "number"},
        "sold": {"type": "number"},
        "period": {"type": "string"},
    },
}
# A line as stored: what was reported, for the period it covers.
REPORTED_LINE = {
    "type": "object",
    "required": ["period_start", "period_end", "sku", "on_hand", "sold", "warning"],
    "properties": {
        "period_start": {"type": "string", "format": "date"},
        "period_end": {"type": "string", "format": "date"},
        "sku": {"type": "string", "nullable": True},
        "on_hand": {"type": "number"},
        "sold": {"type": "number"},
        "warning": {"type": "string", "nullable": True},
    },
}
LINE_MESSAGE = {
    "type": "object",
    "required": ["line", "message"],
    "properties": {"line": {"type": "string"}, "message": {"type": "string"}},
}
STOCK_REPORTS_READ = ApiOperation(
    operation="stock_reports_read",
    method="GET",
    summary=_lt("The dealer's stock reports"),
    description=_lt("The lines the dealer reported, for one period (2026-W46, 2026-11 or a date) or all."),
    audience=("dealer",),
    tags=("stock reports",),
    parameters=(ApiParameter("period", _lt("A week (2026-W46), a month (2026-11) or a date.")),),
    response_schema={
        "type": "object",
        "required": ["status", "lines"],
        "properties": {"status": _STATUS, "lines": {"type": "array", "items": REPORTED_LINE}},
    },
)
STOCK_REPORTS_WRITE = ApiOperation(
    operation="stock_reports_write",
    method="POST",
    summary=_lt("Send a stock report"),
    description=_lt(
        "Stock on hand and sell-out per product and period; every line is checked and nothing is saved "
        "if one is wrong (422 lists them all). A request_id in the body stands for the Idempotency-Key header."
    ),
    audience=("dealer",),
    idempotency="optional",
    request_id_in_body=True,
    statuses=(422,),
    tags=("stock reports",),
    request_schema={
        "type": "object",
        "required": ["lines"],
        "properties": {
            "request_id": {"type": "string", "minLength": 1, "maxLength": 128},
            "period": {"type": "string"},
            "lines": {"type": "array", "items": STOCK_REPORT_LINE},
        },
    },
    response_schema={
        "type": "object",
        "required": ["status", "request_id", "reports", "warnings"],
        "properties": {
            "status": _STATUS,
            "request_id": {"type": "string", "nullable": True},
            "reports": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["period", "period_start", "lines"],
                    "properties": {
                        "period": {"type": "string"},
                        "period_start": {"type": "string", "format": "date"},
                        "lines": {"type": "integer"},
                    },
                },
            },
            "warnings": {"type": "array", "items": LINE_MESSAGE},
        },
    },
)
SUGGESTIONS = ApiOperation(
    operation="suggestions",
    method="GET",
    summary=_lt("Suggested orders"),
    description=_lt("What the dealer should order next from its channel stock, with the reasoning."),
    audience=("dealer",),
    tags=("stock reports",),
    response_schema={
        "type": "object",
        "required": ["status", "suggestions"],
        "properties": {
            "status": _STATUS,
            "suggestions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": [
                        "sku",
                        "suggested_qty",
                        "channel_stock",
                        "estimated",
                        "weeks_of_cover",
                        "reasoning",
                    ],
                    "properties": {
                        "sku": {"type": "string", "nullable": True},
                        "suggested_qty": {"type": "number"},
                        "channel_stock": {"type": "number"},
                        "estimated": {"type": "boolean"},
                        "weeks_of_cover": {"type": "number", "nullable": True},
                        "reasoning": {"type": "string", "nullable": True},
                    },
                },
            },
        },
    },
)


class DealerStockApi(DealerApiController):
    """Dealers' systems: stock reports in, reports and suggested orders out (dealer keys only)."""

    @dealer_api_route("/stock_reports", STOCK_REPORTS_READ, STOCK_REPORTS_WRITE)
    def dealer_api_stock_reports(self, **kw):
        return self._dealer_api_respond(STOCK_REPORTS_READ, STOCK_REPORTS_WRITE)

    @dealer_api_route("/suggestions", SUGGESTIONS)
    def dealer_api_suggestions(self, **kw):
        return self._dealer_api_respond(SUGGESTIONS)
