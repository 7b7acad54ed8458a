from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_api.controllers.main import DealerApiController, dealer_api_route
from odoo.addons.dealer_api.tools.openapi import ApiOperation
from odoo.addons.dealer_base.tools import MAX_AMOUNT

from ..models.dealer_api_call import MAX_PRICE_ROWS

_lt = LazyTranslate(__name__)

_DATE = {"type": "string", "format": "date", "nullable": True, "pattern": r"^\d{4}-\d{2}-\d{2}$"}
PRICE_ROW = {
    "type": "object",
    "required": ["dealer", "sku", "price"],
    "additionalProperties": False,
    "properties": {
        "dealer": {"type": "string", "minLength": 1, "maxLength": 64},
        "sku": {"type": "string", "minLength": 1, "maxLength": 128},
        "price": {"type": "number", "minimum": 0, "exclusiveMinimum": True, "maximum": MAX_AMOUNT},
        "min_qty": {"type": "number", "minimum": 0, "nullable": True},
        "date_start": _DATE,
        "date_end": _DATE,
    },
}
PRICES_UPSERT = ApiOperation(
    operation="prices_upsert",
    method="POST",
    summary=_lt("Upsert dealer prices"),
    description=_lt(
        "Create or update dealer prices in bulk (1 to 5,000 rows) with the rules of the spreadsheet import "
        "of dealer prices. A row updates the price of the same dealer, SKU, minimum quantity and validity "
        "dates (first and last day, both included, in the dealer's time zone), or else creates it. Refused "
        "rows: an unknown dealer or SKU, a price that is not a positive number up to 1,000,000,000, a "
        "negative or too large minimum quantity, a validity ending before it starts, a period overlapping "
        "another price or another row of the same dealer, SKU and minimum quantity. All or nothing: one "
        "refused row answers 422 with every refused row in errors ({row, dealer, sku, message}; row is the "
        "position in prices, from 1) and saves nothing. min_qty is the quantity break (the price applies from "
        "this quantity, default 0); dates are YYYY-MM-DD or null (open). The answer counts the prices "
        "created, updated and unchanged; every change is recorded in the price history with the key that made it."
    ),
    scope="prices:write",
    audience=("integration",),
    acts_for="key",
    statuses=(422,),
    tags=("prices",),
    request_schema={
        "type": "object",
        "required": ["prices"],
        "additionalProperties": False,
        "properties": {
            "prices": {"type": "array", "minItems": 1, "maxItems": MAX_PRICE_ROWS, "items": PRICE_ROW},
        },
    },
    response_schema={
        "type": "object",
        "required": ["status", "created", "updated", "unchanged"],
        "additionalProperties": False,
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "created": {"type": "integer", "minimum": 0},
            "updated": {"type": "integer", "minimum": 0},
            "unchanged": {"type": "integer", "minimum": 0},
        },
    },
)


class DealerPricingApi(DealerApiController):
    """The brand's systems: dealer prices in, in bulk (integration keys with the scope prices:write)."""

    @dealer_api_route("/prices", PRICES_UPSERT)
    def dealer_api_prices(self, **kw):
        return self._dealer_api_respond(PRICES_UPSERT)
