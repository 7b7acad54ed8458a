from odoo.tools.translate import LazyTranslate

from ..models.dealer_api_event import EVENT_TYPE_CODES
from ..models.dealer_api_feed import FEED_MAX_LIMIT, MAX_DESCRIPTION
from ..tools.openapi import PATH_ID_SCHEMA, ApiOperation, ApiParameter
from .main import DealerApiController, dealer_api_route

_lt = LazyTranslate(__name__)

EVENT_TYPE_SCHEMA = {"type": "string", "enum": list(EVENT_TYPE_CODES)}
EVENT_SCHEMA = {
    "type": "object",
    "required": ["id", "type", "created_at", "dealer", "object", "data"],
    "properties": {
        "id": {"type": "integer", "description": "Unique: receivers de-duplicate on it."},
        "type": EVENT_TYPE_SCHEMA,
        "created_at": {"type": "string", "format": "date-time", "nullable": True},
        "dealer": {
            "type": "object",
            "required": ["code", "name"],
            "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
        },
        "object": {
            "type": "object",
            "required": ["type", "id", "reference"],
            "properties": {
                "type": {"type": "string", "description": "order, invoice or payment."},
                "id": {"type": "integer"},
                "reference": {"type": "string", "nullable": True},
            },
        },
        "data": {
            "type": "object",
            "additionalProperties": True,
            "description": "A snapshot of the object when the event happened.",
        },
    },
}
WEBHOOK_SCHEMA = {
    "type": "object",
    "required": ["id", "url", "description", "events", "active", "created_at"],
    "properties": {
        "id": {"type": "integer"},
        "url": {"type": "string"},
        "description": {"type": "string"},
        "events": {"type": "array", "items": EVENT_TYPE_SCHEMA},
        "active": {"type": "boolean"},
        "created_at": {"type": "string", "format": "date-time"},
        "secret": {"type": "string", "description": "Only in the answer of the creation."},
    },
}
SIGNATURE_TEXT = _lt(
    "Each event is POSTed as JSON (the shape of an event of the feed) with the headers X-Dealer-Event "
    "(its type), X-Dealer-Event-Id (receivers de-duplicate on it: a retry or a replay sends the same "
    "id) and X-Dealer-Signature: t=<unix time>,v1=<hex>. To verify it, compute HMAC-SHA256 with the "
    "webhook's secret over the bytes <t>.<raw body> and compare its hex digest with v1 in constant "
    "time; refuse a t more than 5 minutes old. Answer any 2xx within 5 seconds; otherwise the delivery "
    "is retried after 1 minute, 5 minutes, 30 minutes, 2 hours and 12 hours, then given up."
)

FEED = ApiOperation(
    operation="feed",
    method="GET",
    summary=_lt("The change feed of orders, invoices and payments"),
    description=_lt(
        "Dealers' events (order confirmed, held, shipped, invoiced, paid; invoice posted; payment "
        "received) in the order they committed, from a cursor. Start without a cursor, then send "
        "next_cursor back: no event is missed or repeated, even when events are written concurrently; "
        "an event appears once the transactions that started before it have ended. Reading again "
        "from the same cursor returns the same events."
    ),
    scope="feed:read",
    audience=("integration",),
    acts_for="key",
    tags=("feed",),
    parameters=(
        ApiParameter(
            "cursor",
            _lt("next_cursor of the previous page; empty: from the first event."),
            schema={"type": "string", "maxLength": 64},
        ),
        ApiParameter(
            "limit",
            _lt("Events per page (default 100)."),
            schema={"type": "integer", "minimum": 1, "maximum": FEED_MAX_LIMIT},
        ),
        ApiParameter(
            "types",
            _lt("Only these event types, separated by commas."),
            schema={"type": "string", "maxLength": 200},
        ),
        ApiParameter(
            "dealer", _lt("Only the events of the dealer with this code."), schema={"type": "string", "maxLength": 64}
        ),
    ),
    response_schema={
        "type": "object",
        "required": ["status", "events", "next_cursor", "has_more"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "events": {"type": "array", "items": EVENT_SCHEMA},
            "next_cursor": {"type": "string", "description": "Send it as cursor to read on."},
            "has_more": {"type": "boolean"},
        },
    },
    statuses=(404,),
)
WEBHOOK_LIST = ApiOperation(
    operation="webhook_list",
    method="GET",
    summary=_lt("The dealer's webhooks"),
    description=_lt("The webhooks the dealer's systems registered, without their secrets."),
    audience=("dealer",),
    tags=("webhooks",),
    response_schema={
        "type": "object",
        "required": ["status", "webhooks"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "webhooks": {"type": "array", "items": WEBHOOK_SCHEMA},
        },
    },
)
WEBHOOK_CREATE = ApiOperation(
    operation="webhook_create",
    method="POST",
    summary=_lt("Register a webhook"),
    description=SIGNATURE_TEXT,
    audience=("dealer",),
    tags=("webhooks",),
    request_schema={
        "type": "object",
        "required": ["url"],
        "properties": {
            "url": {"type": "string", "maxLength": 2048, "description": "http:// or https://, a public address."},
            "events": {"type": "array", "items": EVENT_TYPE_SCHEMA, "description": "Empty or absent: every event."},
            "description": {"type": "string", "maxLength": MAX_DESCRIPTION},
        },
    },
    response_schema={
        "type": "object",
        "required": ["status", "webhook"],
        "properties": {"status": {"type": "string", "enum": ["ok"]}, "webhook": WEBHOOK_SCHEMA},
    },
    statuses=(422,),
)
WEBHOOK_DELETE = ApiOperation(
    operation="webhook_delete",
    method="DELETE",
    summary=_lt("Delete a webhook"),
    description=_lt("Stop sending events to this webhook of the dealer; deliveries not yet sent are dropped."),
    audience=("dealer",),
    idempotency="optional",
    tags=("webhooks",),
    parameters=(
        ApiParameter(
            "webhook_id", _lt("The webhook's id."), location="path", schema=PATH_ID_SCHEMA, model="dealer.api.webhook"
        ),
    ),
    response_schema={
        "type": "object",
        "required": ["status", "id", "active"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "id": {"type": "integer"},
            "active": {"type": "boolean"},
        },
    },
    statuses=(404,),
)


class DealerApiFeed(DealerApiController):
    """The brand's change feed and the dealers' webhooks."""

    @dealer_api_route("/feed", FEED)
    def dealer_api_feed(self, **kw):
        return self._dealer_api_respond(FEED)

    @dealer_api_route("/webhooks", WEBHOOK_LIST, WEBHOOK_CREATE)
    def dealer_api_webhooks(self, **kw):
        return self._dealer_api_respond(WEBHOOK_LIST, WEBHOOK_CREATE)

    @dealer_api_route("/webhooks/<int:webhook_id>", WEBHOOK_DELETE)
    def dealer_api_webhook(self, webhook_id, **kw):
        return self._dealer_api_respond(WEBHOOK_DELETE, path_params={"webhook_id": webhook_id})
