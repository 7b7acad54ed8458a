from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_api.controllers.main import DealerApiController, dealer_api_route
from odoo.addons.dealer_api.tools.openapi import ApiOperation, ApiParameter

from ..models.dealer_api_call import CATALOG_MAX_LIMIT, MAX_PAGE

_lt = LazyTranslate(__name__)

CATALOG_PRODUCT = {
    "type": "object",
    "required": ["sku", "name", "price", "breaks", "availability"],
    "properties": {
        "sku": {"type": "string", "nullable": True},
        "barcode": {"type": "string", "nullable": True},
        "name": {"type": "string"},
        "category": {"type": "string"},
        "uom": {"type": "string"},
        "price": {"type": "number", "nullable": True},
        "breaks": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["min_qty", "price"],
                "properties": {"min_qty": {"type": "number"}, "price": {"type": "number"}},
            },
        },
        "availability": {
            "type": "object",
            "properties": {
                "state": {"type": "string", "enum": ["in_stock", "low", "out", "unknown"]},
                "expected_date": {"type": "string", "format": "date", "nullable": True},
            },
        },
    },
}
CATALOG = ApiOperation(
    operation="catalog",
    method="GET",
    summary=_lt("The dealer's catalog"),
    description=_lt(
        "The products the dealer may order (as in the portal), at the dealer's price with its quantity "
        "breaks and the stock of the warehouses serving it, by pages. Send the ETag back in If-None-Match: "
        "304 when nothing changed."
    ),
    scope="catalog:read",
    tags=("catalog",),
    parameters=(
        ApiParameter(
            "page", _lt("Page number, from 1."), schema={"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
        ),
        ApiParameter(
            "limit",
            _lt("Products per page (default 50)."),
            schema={"type": "integer", "minimum": 1, "maximum": CATALOG_MAX_LIMIT},
        ),
    ),
    response_schema={
        "type": "object",
        "required": ["status", "dealer", "currency", "page", "limit", "total", "pages", "products"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "dealer": {"type": "string"},
            "currency": {"type": "string"},
            "page": {"type": "integer"},
            "limit": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
            "products": {"type": "array", "items": CATALOG_PRODUCT},
        },
    },
    statuses=(404,),
)


class DealerPortalApi(DealerApiController):
    """What a dealer's system does through the API as the dealer does in the portal."""

    @dealer_api_route("/catalog", CATALOG)
    def dealer_api_catalog(self, **kw):
        return self._dealer_api_respond(CATALOG)
