from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_api.controllers.main import DealerApiController, dealer_api_route
from odoo.addons.dealer_api.tools.openapi import ApiOperation

from ..models.dealer_api_call_shipments import MAX_QTY, MAX_SHIPMENT_LINES, MAX_TRACKING_NUMBERS

_lt = LazyTranslate(__name__)

_TEXT = {"type": "string", "minLength": 1, "maxLength": 64}
SHIPMENT_SCHEMA = {
    "type": "object",
    "required": ["name", "state", "carrier", "tracking_numbers", "shipped_at", "lines"],
    "properties": {
        "name": {"type": "string", "description": "The delivery's reference in Odoo."},
        "state": {"type": "string", "enum": ["done"]},
        "carrier": {"type": "string"},
        "tracking_numbers": {"type": "array", "items": {"type": "string"}},
        "shipped_at": {"type": "string", "format": "date-time", "nullable": True},
        "lines": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["sku", "qty", "lot"],
                "properties": {
                    "sku": {"type": "string", "nullable": True},
                    "qty": {"type": "number"},
                    "lot": {"type": "string", "nullable": True},
                },
            },
        },
    },
}
SHIPMENTS_CREATE = ApiOperation(
    operation="shipments_create",
    method="POST",
    summary=_lt("Push a shipment of a dealer's order"),
    description=_lt(
        "The brand's warehouse or transport system tells that an order left: its deliveries are validated "
        "as in Odoo, with the carrier and the tracking numbers the dealer sees. Without lines everything "
        "still to ship leaves; with lines only those quantities, and the rest stays in a backorder. "
        "Products tracked by lot or serial number need their lot on each line. A wrong line refuses the "
        "whole shipment (422 lists them all) and nothing is validated. An order that is no dealer's "
        "answers 404."
    ),
    scope="shipments:write",
    audience=("integration",),
    acts_for="key",
    statuses=(404, 422),
    tags=("shipments",),
    request_schema={
        "type": "object",
        "required": ["order", "carrier", "tracking_numbers"],
        "properties": {
            "order": dict(_TEXT, description="The reference of the sale order (S00042)."),
            "carrier": _TEXT,
            "tracking_numbers": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_TRACKING_NUMBERS,
                "items": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$"},
            },
            "shipped_at": {"type": "string", "format": "date-time", "maxLength": 40},
            "lines": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_SHIPMENT_LINES,
                "items": {
                    "type": "object",
                    "required": ["sku", "qty"],
                    "properties": {
                        "sku": _TEXT,
                        "qty": {"type": "number", "exclusiveMinimum": True, "minimum": 0, "maximum": MAX_QTY},
                        "lot": _TEXT,
                    },
                },
            },
        },
    },
    response_schema={
        "type": "object",
        "required": ["status", "order", "dealer", "shipments", "backorders"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "order": {"type": "string"},
            "dealer": {"type": "string", "nullable": True},
            "shipments": {"type": "array", "items": SHIPMENT_SCHEMA},
            "backorders": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "state"],
                    "properties": {"name": {"type": "string"}, "state": {"type": "string"}},
                },
            },
        },
    },
)


class DealerShipmentApi(DealerApiController):
    """The brand's systems: shipments of dealers' orders in (integration keys only)."""

    @dealer_api_route("/shipments", SHIPMENTS_CREATE)
    def dealer_api_shipments(self, **kw):
        return self._dealer_api_respond(SHIPMENTS_CREATE)
