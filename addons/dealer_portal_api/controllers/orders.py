from odoo.tools.translate import LazyTranslate

from odoo.addons.dealer_api.controllers.main import DealerApiController, dealer_api_route
from odoo.addons.dealer_api.tools.openapi import PATH_ID_SCHEMA, ApiOperation, ApiParameter

from ..models.dealer_api_call import MAX_PAGE
from ..models.dealer_api_call_accounting import INVOICES_MAX_LIMIT
from ..models.dealer_api_call_orders import (
    NOTE_MAX_CHARS,
    ORDER_MAX_LINES,
    ORDERS_MAX_LIMIT,
    REFERENCE_MAX_CHARS,
    SKU_MAX_CHARS,
)
from ..models.dealer_api_call_returns import REASON_MAX_CHARS, RETURN_MAX_LINES, RETURNS_MAX_LIMIT
from ..models.sale_order import API_ORDER_STATES

_lt = LazyTranslate(__name__)

NUMBER = {"type": "number"}
TEXT = {"type": "string"}
NULLABLE_TEXT = {"type": "string", "nullable": True}
NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
NULLABLE_DATETIME = {"type": "string", "nullable": True, "description": "UTC, YYYY-MM-DD HH:MM:SS"}
PAYMENT_STATES = ["not_paid", "in_payment", "paid", "partial", "reversed", "invoicing_legacy", "blocked"]


def _object(properties, required=None):
    return {"type": "object", "required": list(required or properties), "properties": properties}


def _page(name, item):
    """The answer of a paged list of ``item`` under ``name``."""
    return _object(
        {
            "status": {"type": "string", "enum": ["ok"]},
            "dealer": TEXT,
            "page": {"type": "integer"},
            "limit": {"type": "integer"},
            "total": {"type": "integer"},
            "pages": {"type": "integer"},
            name: {"type": "array", "items": item},
        }
    )


def _paging(maximum):
    return (
        ApiParameter(
            "page", _lt("Page number, from 1."), schema={"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
        ),
        ApiParameter(
            "limit", _lt("Items per page (default 50)."), schema={"type": "integer", "minimum": 1, "maximum": maximum}
        ),
    )


ORDER_LINE = _object(
    {
        "id": {"type": "integer"},
        "sku": NULLABLE_TEXT,
        "name": TEXT,
        "qty": NUMBER,
        "qty_delivered": NUMBER,
        "qty_invoiced": NUMBER,
        "price_unit": NUMBER,
        "discount": NUMBER,
        "subtotal": NUMBER,
        "is_reward": {"type": "boolean"},
    }
)
SHIPMENT = _object(
    {
        "reference": TEXT,
        "state": {"type": "string", "enum": ["draft", "waiting", "confirmed", "assigned", "done"]},
        "date_done": NULLABLE_DATETIME,
        "carrier": NULLABLE_TEXT,
        "tracking_numbers": {"type": "array", "items": TEXT},
    }
)
ORDER_INVOICE = _object(
    {
        "number": TEXT,
        "type": {"type": "string", "enum": ["invoice", "credit_note"]},
        "date": NULLABLE_DATE,
        "amount_total": NUMBER,
        "amount_residual": NUMBER,
        "payment_state": {"type": "string", "enum": PAYMENT_STATES},
    }
)
ORDER = _object(
    {
        "id": {"type": "integer"},
        "reference": TEXT,
        "client_order_ref": NULLABLE_TEXT,
        "state": {"type": "string", "enum": list(API_ORDER_STATES)},
        "portal_state": {
            "type": "string",
            "enum": [
                "quotation",
                "submitted",
                "approval",
                "review",
                "confirmed",
                "preparing",
                "shipped",
                "delivered",
                "invoiced",
                "paid",
                "cancel",
            ],
        },
        "hold_reasons": {"type": "array", "items": TEXT},
        "date_order": NULLABLE_DATETIME,
        "requested_date": NULLABLE_DATE,
        "payment_method": NULLABLE_TEXT,
        "currency": TEXT,
        "amount_untaxed": NUMBER,
        "amount_tax": NUMBER,
        "amount_total": NUMBER,
        "lines": {"type": "array", "items": ORDER_LINE},
        "shipments": {"type": "array", "items": SHIPMENT},
        "invoices": {"type": "array", "items": ORDER_INVOICE},
    }
)
ORDER_ANSWER = _object({"status": {"type": "string", "enum": ["ok"]}, "order": ORDER})

ORDER_CREATE = ApiOperation(
    operation="order_create",
    method="POST",
    summary=_lt("Place an order"),
    description=_lt(
        "Places an order for the dealer through the portal's own checkout: the lines are checked as in the "
        "portal (product codes, authorised assortment, minimum and pack quantities, the maximum per line); "
        "any refused line answers 422 invalid_lines with every refused line and nothing is saved. The order "
        "is then submitted as the portal submits it: a buyer above its order limit waits for the dealer's "
        "approver (waiting_approval); the brand's review (prices, stock, credit, deposit, minimum amount, "
        "delivery territory) confirms it (confirmed) or holds it (held, with hold_reasons). The order is "
        "placed as the portal user the dealer key acts as (set by a Dealer Manager), otherwise as the "
        "dealer's administrator (its main portal user), with that user's roles and limits. Integration keys "
        "need the scope orders:write and name the dealer. The Idempotency-Key is also the order's "
        "submission key: the same request sent again, even at the same moment, places one order."
    ),
    scope="orders:write",
    tags=("orders",),
    request_schema={
        "type": "object",
        "required": ["lines"],
        "properties": {
            "lines": {
                "type": "array",
                "minItems": 1,
                "maxItems": ORDER_MAX_LINES,
                "items": {
                    "type": "object",
                    "required": ["sku", "qty"],
                    "properties": {
                        "sku": {"type": "string", "minLength": 1, "maxLength": SKU_MAX_CHARS},
                        "qty": {"type": "number", "exclusiveMinimum": True, "minimum": 0},
                    },
                },
            },
            "client_order_ref": {"type": "string", "maxLength": REFERENCE_MAX_CHARS},
            "delivery_address_id": {
                "type": "integer",
                "description": "One of the dealer's delivery addresses (default: the dealer's default one).",
            },
            "requested_date": {"type": "string", "format": "date"},
            "note": {"type": "string", "maxLength": NOTE_MAX_CHARS},
            "payment_method": {
                "type": "string",
                "description": "credit (default), deposit, transfer, or a way to pay an installed module adds.",
                "maxLength": 32,
            },
        },
    },
    response_schema=ORDER_ANSWER,
    statuses=(404, 422),
)
ORDER_LIST = ApiOperation(
    operation="order_list",
    method="GET",
    summary=_lt("The dealer's orders"),
    description=_lt(
        "The dealer's orders as its orders page in the portal lists them (submitted or sent, never a cart), "
        "newest first, by pages; filtered by state and by the moment of their latest change (the order, its "
        "lines, shipments or invoices). Integration keys need the scope orders:read."
    ),
    scope="orders:read",
    tags=("orders",),
    parameters=(
        *_paging(ORDERS_MAX_LIMIT),
        ApiParameter(
            "state", _lt("Only the orders in this state."), schema={"type": "string", "enum": list(API_ORDER_STATES)}
        ),
        ApiParameter(
            "updated_since",
            _lt("Only the orders changed since this moment (UTC, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)."),
            schema={"type": "string", "maxLength": 32},
        ),
    ),
    response_schema=_page("orders", ORDER),
    statuses=(404,),
)
ORDER_GET = ApiOperation(
    operation="order_get",
    method="GET",
    summary=_lt("One order of the dealer"),
    description=_lt(
        "One order of the dealer with its lines, shipments with tracking numbers and invoices (shown to "
        "users with the accountant role). Another dealer's order answers 404."
    ),
    scope="orders:read",
    tags=("orders",),
    parameters=(
        ApiParameter("order_id", _lt("The order's id."), location="path", schema=PATH_ID_SCHEMA, model="sale.order"),
    ),
    response_schema=ORDER_ANSWER,
    statuses=(404,),
)
INVOICE = _object(
    {
        "id": {"type": "integer"},
        "number": TEXT,
        "type": {"type": "string", "enum": ["invoice", "credit_note"]},
        "date": NULLABLE_DATE,
        "due_date": NULLABLE_DATE,
        "currency": TEXT,
        "amount_untaxed": NUMBER,
        "amount_tax": NUMBER,
        "amount_total": NUMBER,
        "amount_residual": NUMBER,
        "payment_state": {"type": "string", "enum": PAYMENT_STATES},
        "origin": NULLABLE_TEXT,
        "orders": {
            "type": "array",
            "items": _object({"id": {"type": "integer"}, "reference": TEXT}),
        },
    }
)
INVOICE_LIST = ApiOperation(
    operation="invoice_list",
    method="GET",
    summary=_lt("The dealer's invoices"),
    description=_lt(
        "The dealer's posted invoices and credit notes, newest first, by pages, with their due date, amounts, "
        "amount still due, payment state and the orders they invoice. Needs the accountant role of the user "
        "the key acts as. Integration keys need the scope orders:read."
    ),
    scope="orders:read",
    tags=("invoices",),
    parameters=_paging(INVOICES_MAX_LIMIT),
    response_schema=_page("invoices", INVOICE),
    statuses=(404,),
)
INVOICE_GET = ApiOperation(
    operation="invoice_get",
    method="GET",
    summary=_lt("One invoice of the dealer"),
    description=_lt(
        "One posted invoice or credit note of the dealer. Another dealer's invoice answers 404. Needs the "
        "accountant role of the user the key acts as. Integration keys need the scope orders:read."
    ),
    scope="orders:read",
    tags=("invoices",),
    parameters=(
        ApiParameter(
            "invoice_id", _lt("The invoice's id."), location="path", schema=PATH_ID_SCHEMA, model="account.move"
        ),
    ),
    response_schema=_object({"status": {"type": "string", "enum": ["ok"]}, "invoice": INVOICE}),
    statuses=(404,),
)
STATEMENT = ApiOperation(
    operation="statement",
    method="GET",
    summary=_lt("The dealer's statement of account"),
    description=_lt(
        "The dealer's statement of account for a period (default: last month), as the portal's statement "
        "page computes it: the opening balance, every posted invoice, credit note, rebate and payment with "
        "the running balance, the totals and the closing balance (positive: owed by the dealer). A period "
        "longer than the portal shows on its page is refused (400 period_too_long): ask for it in parts. "
        "Needs the accountant role. Integration keys need the scope orders:read."
    ),
    scope="orders:read",
    tags=("invoices",),
    parameters=(
        ApiParameter(
            "date_from", _lt("First day of the period (YYYY-MM-DD)."), schema={"type": "string", "format": "date"}
        ),
        ApiParameter(
            "date_to", _lt("Last day of the period (YYYY-MM-DD)."), schema={"type": "string", "format": "date"}
        ),
    ),
    response_schema=_object(
        {
            "status": {"type": "string", "enum": ["ok"]},
            "dealer": TEXT,
            "currency": TEXT,
            "date_from": {"type": "string", "format": "date"},
            "date_to": {"type": "string", "format": "date"},
            "opening_balance": NUMBER,
            "invoiced": NUMBER,
            "credited": NUMBER,
            "rebated": NUMBER,
            "paid": NUMBER,
            "closing_balance": NUMBER,
            "confirmation": {"type": "string", "enum": ["confirmed", "disputed"], "nullable": True},
            "lines": {
                "type": "array",
                "items": _object(
                    {
                        "date": {"type": "string", "format": "date"},
                        "document": TEXT,
                        "ref": NULLABLE_TEXT,
                        "kind": {"type": "string", "enum": ["invoice", "credit_note", "rebate", "payment"]},
                        "due_date": NULLABLE_DATE,
                        "debit": NUMBER,
                        "credit": NUMBER,
                        "balance": NUMBER,
                    }
                ),
            },
        }
    ),
    statuses=(404,),
)
RETURN = _object(
    {
        "id": {"type": "integer"},
        "reference": TEXT,
        "order_id": {"type": "integer"},
        "order_reference": TEXT,
        "state": {"type": "string", "enum": ["requested", "approved", "rejected", "received", "refunded"]},
        "reason": TEXT,
        "reject_reason": NULLABLE_TEXT,
        "date": {"type": "string", "description": "UTC, YYYY-MM-DD HH:MM:SS"},
        "credit_note": NULLABLE_TEXT,
        "lines": {
            "type": "array",
            "items": _object({"line_id": {"type": "integer"}, "sku": NULLABLE_TEXT, "name": TEXT, "qty": NUMBER}),
        },
    }
)
RETURN_CREATE = ApiOperation(
    operation="return_create",
    method="POST",
    summary=_lt("Request a return"),
    description=_lt(
        "Asks to return delivered goods of one of the dealer's orders, as the portal's return form does: only "
        "delivered product lines of the dealer's own orders, each at most the quantity delivered minus what "
        "was already returned or requested. A line names the order line by its id (the order's lines[].id) "
        "or by its sku when one line of the order has it. Refused lines answer 422 and nothing is saved; "
        "another dealer's order answers 404. Needs the buyer role of the user the key acts as. Integration "
        "keys need the scope orders:write."
    ),
    scope="orders:write",
    tags=("returns",),
    request_schema={
        "type": "object",
        "required": ["order_id", "reason", "lines"],
        "properties": {
            "order_id": {"type": "integer"},
            "reason": {"type": "string", "minLength": 1, "maxLength": REASON_MAX_CHARS},
            "lines": {
                "type": "array",
                "minItems": 1,
                "maxItems": RETURN_MAX_LINES,
                "items": {
                    "type": "object",
                    "required": ["qty"],
                    "properties": {
                        "line_id": {"type": "integer"},
                        "sku": {"type": "string", "maxLength": SKU_MAX_CHARS},
                        "qty": {"type": "number", "exclusiveMinimum": True, "minimum": 0},
                    },
                },
            },
        },
    },
    response_schema=_object({"status": {"type": "string", "enum": ["ok"]}, "return": RETURN}),
    statuses=(404, 422),
)
RETURN_GET = ApiOperation(
    operation="return_get",
    method="GET",
    summary=_lt("One return request of the dealer"),
    description=_lt(
        "One return request of the dealer with its lines, state and credit note. Another dealer's request "
        "answers 404. Integration keys need the scope orders:read."
    ),
    scope="orders:read",
    tags=("returns",),
    parameters=(
        ApiParameter(
            "return_id", _lt("The return request's id."), location="path", schema=PATH_ID_SCHEMA, model="dealer.return"
        ),
    ),
    response_schema=_object({"status": {"type": "string", "enum": ["ok"]}, "return": RETURN}),
    statuses=(404,),
)
RETURN_LIST = ApiOperation(
    operation="return_list",
    method="GET",
    summary=_lt("The dealer's return requests"),
    description=_lt(
        "The dealer's return requests, newest first, by pages, with their state and credit note. Integration "
        "keys need the scope orders:read."
    ),
    scope="orders:read",
    tags=("returns",),
    parameters=_paging(RETURNS_MAX_LIMIT),
    response_schema=_page("returns", RETURN),
    statuses=(404,),
)


class DealerPortalApiOrders(DealerApiController):
    """Orders, invoices, statement and returns of a dealer's system, as the dealer's in the portal."""

    @dealer_api_route("/orders", ORDER_CREATE, ORDER_LIST)
    def dealer_api_orders(self, **kw):
        return self._dealer_api_respond(ORDER_CREATE, ORDER_LIST)

    @dealer_api_route("/orders/<int:order_id>", ORDER_GET)
    def dealer_api_order(self, order_id, **kw):
        return self._dealer_api_respond(ORDER_GET, path_params={"order_id": order_id})

    @dealer_api_route("/invoices", INVOICE_LIST)
    def dealer_api_invoices(self, **kw):
        return self._dealer_api_respond(INVOICE_LIST)

    @dealer_api_route("/invoices/<int:invoice_id>", INVOICE_GET)
    def dealer_api_invoice(self, invoice_id, **kw):
        return self._dealer_api_respond(INVOICE_GET, path_params={"invoice_id": invoice_id})

    @dealer_api_route("/statement", STATEMENT)
    def dealer_api_statement(self, **kw):
        return self._dealer_api_respond(STATEMENT)

    @dealer_api_route("/returns", RETURN_CREATE, RETURN_LIST)
    def dealer_api_returns(self, **kw):
        return self._dealer_api_respond(RETURN_CREATE, RETURN_LIST)

    @dealer_api_route("/returns/<int:return_id>", RETURN_GET)
    def dealer_api_return(self, return_id, **kw):
        return self._dealer_api_respond(RETURN_GET, path_params={"return_id": return_id})
