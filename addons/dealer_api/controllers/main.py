import werkzeug.exceptions

from odoo import _, http
from odoo.http import request
from odoo.tools.translate import LazyTranslate

from ..models.dealer_api_call import MAX_BODY_BYTES
from ..tools.openapi import API_PREFIX, PATH_ID_SCHEMA, ApiOperation, build_document

_lt = LazyTranslate(__name__)

# The header of the stock reports' first version; Authorization: Bearer is the API's own.
LEGACY_KEY_HEADER = "X-Dealer-Api-Key"
FORWARDED_HEADERS = ("Idempotency-Key", "If-None-Match")
PATH_ID_MAX = PATH_ID_SCHEMA["maximum"]


def dealer_api_route(path, *operations, **routing):
    """Route ``API_PREFIX + path`` to a method of a DealerApiController for ``operations``
    (ApiOperation, one per HTTP method): authenticated by the API key, not by a session (so CSRF
    does not apply: a browser never sends the key by itself). The operations are kept on the
    route, where the OpenAPI document reads them.

    A path id (``<int:order_id>``) beyond the database's ids (1 to 2^31-1) answers the API's 404
    (``_dealer_api_respond``) instead of failing in the database. The converter is not bounded
    itself: werkzeug ends the match on a converter's refusal, with Odoo's HTML page."""
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
                "required": ["name", "type", "prefix", "scopes", "expires_on"],
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
                "required": ["code", "name"],
                "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
            },
            "rate_limit": {
                "type": "object",
                "required": ["calls", "seconds"],
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
        """Run the call of the request through the frame with the operation of its HTTP method.

        path_params: the values of the route's path converters (e.g. {"order_id": 7}), passed on to
        the operation as ``request["path_params"]``."""
        httprequest = request.httprequest
        operation = next((op for op in operations if op.method == httprequest.method), None)
        if operation is None:
            answer = request.env["dealer.api.call"]._error("method_not_allowed", _("This method is not allowed here."))
            return request.make_json_response(answer, status=405)
        if any(isinstance(value, int) and not 0 < value <= PATH_ID_MAX for value in (path_params or {}).values()):
            answer = request.env["dealer.api.call"]._error("not_found", _("This endpoint does not exist."))
            return request.make_json_response(answer, status=404)
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

    @http.route(API_PREFIX + "/<path:unknown>", type="http", auth="public", csrf=False, save_session=False)
    def dealer_api_unknown(self, unknown=None, **kw):
        """A path under the API that no endpoint serves, or a method an endpoint does not take (a route
        matching any method wins over a known path's method mismatch): the API's JSON error, not the
        website's page."""
        Call = request.env["dealer.api.call"]
        adapter = request.env["ir.http"].routing_map().bind_to_environ(request.httprequest.environ)
        allowed = []
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            try:
                endpoint, _args = adapter.match(request.httprequest.path, method=method)
            except werkzeug.exceptions.HTTPException:
                continue
            if getattr(endpoint, "routing", {}).get("dealer_api"):
                allowed.append(method)
        if allowed:
            answer = Call._error("method_not_allowed", _("This method is not allowed here."))
            return request.make_json_response(answer, headers=[("Allow", ", ".join(allowed))], status=405)
        answer = Call._error("not_found", _("This endpoint does not exist."))
        return request.make_json_response(answer, status=404)

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
