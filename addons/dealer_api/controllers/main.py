from odoo import _, http
from odoo.http import request
from odoo.tools.translate import LazyTranslate

from ..models.dealer_api_call import MAX_BODY_BYTES
from ..tools.openapi import API_PREFIX, ApiOperation, build_document

_lt = LazyTranslate(__name__)

# The header of the stock reports' first version; Authorization: Bearer is the API's own.
LEGACY_KEY_HEADER = "X-Dealer-Api-Key"
FORWARDED_HEADERS = ("Idempotency-Key", "If-None-Match")


def dealer_api_route(path, *operations, **routing):
    """Route ``API_PREFIX + path`` to a method of a DealerApiController for ``operations``
    (ApiOperation, one per HTTP method): authenticated by the API key, not by a session (so CSRF
    does not apply: a browser never sends the key by itself). The operations are kept on the
    route, where the OpenAPI document reads them."""
    return http.route(
        API_PREFIX + path,
        type="http",
        auth="public",
        methods=[operation.method for operation in operations],
        csrf=False,
        save_session=False,
        dealer_api=operations,
        **routing,
    )


ME = ApiOperation(
    operation="me",
    method="GET",
    summary=_lt("The key itself"),
    description=_lt("What the key is, the dealer it acts for (dealer keys), its scopes and the rate limit."),
    acts_for="key",
    tags=("keys",),
    response_schema={
        "type": "object",
        "required": ["status", "key", "dealer", "rate_limit"],
        "properties": {
            "status": {"type": "string", "enum": ["ok"]},
            "key": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "type": {"type": "string", "enum": ["dealer", "integration"]},
                    "prefix": {"type": "string"},
                    "scopes": {"type": "array", "items": {"type": "string"}},
                    "expires_on": {"type": "string", "nullable": True},
                },
            },
            "dealer": {
                "type": "object",
                "nullable": True,
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            },
            "rate_limit": {
                "type": "object",
                "properties": {"calls": {"type": "integer"}, "seconds": {"type": "integer"}},
            },
        },
    },
)


class DealerApiController(http.Controller):
    """The dealer API's endpoints: thin methods handing each call to dealer.api.call's frame."""

    @staticmethod
    def _dealer_api_key(httprequest):
        scheme, _sep, token = (httprequest.headers.get("Authorization") or "").partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token.strip()
        return httprequest.headers.get(LEGACY_KEY_HEADER)

    @staticmethod
    def _dealer_api_body(httprequest):
        """The body of a write, or None when it is larger than the cap: a larger declared body is never read."""
        if httprequest.method in ("GET", "HEAD", "OPTIONS"):
            return b""
        if (httprequest.content_length or 0) > MAX_BODY_BYTES:
            return None
        # Cached: Odoo reads it again when it retries the request after a serialization failure.
        body = httprequest.get_data()
        return body if len(body) <= MAX_BODY_BYTES else None

    def _dealer_api_respond(self, *operations, path_params=None):
        """Run the call of the request through the frame with the operation of its HTTP method;
        ``path_params``: the values the route took from the path (e.g. {"webhook_id": 7})."""
        httprequest = request.httprequest
        operation = next((op for op in operations if op.method == httprequest.method), None)
        if operation is None:
            answer = request.env["dealer.api.call"]._error("method_not_allowed", _("This method is not allowed here."))
            return request.make_json_response(answer, status=405)
        status, answer, headers = (
            request.env["dealer.api.call"]
            .sudo()
            ._process(
                self._dealer_api_key(httprequest),
                {
                    "method": httprequest.method,
                    "path": httprequest.path,
                    "operation": operation.operation,
                    "route": operation.route_values(),
                    "params": httprequest.args.to_dict(),
                    "path_params": dict(path_params or {}),
                    "headers": {name: httprequest.headers.get(name) for name in FORWARDED_HEADERS},
                    "body": self._dealer_api_body(httprequest),
                    "ip_address": httprequest.remote_addr,
                },
            )
        )
        if answer is None:
            return request.make_response(b"", headers=list(headers.items()), status=status)
        return request.make_json_response(answer, headers=list(headers.items()), status=status)

    @dealer_api_route("/me", ME)
    def dealer_api_me(self, **kw):
        return self._dealer_api_respond(ME)

    @http.route(
        API_PREFIX + "/openapi.json",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        save_session=False,
        readonly=True,
    )
    def dealer_api_openapi(self, lang=None, **kw):
        """The API's contract (OpenAPI 3) for the endpoints of the installed add-ons; ?lang=zh_CN in Chinese."""
        lang = "zh_CN" if str(lang or "").replace("-", "_").lower() in ("zh_cn", "zh") else "en_US"
        rules = request.env["ir.http"].routing_map().iter_rules()
        document = build_document(rules, lang, server_url=request.httprequest.host_url.rstrip("/"))
        return request.make_json_response(document, headers=[("Cache-Control", "no-cache")])
