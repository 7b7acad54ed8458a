import hashlib
import json
import logging
import math
import re
import time
from datetime import date, timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.tools import SQL

DEFAULT_RATE_LIMIT = 60
RATE_WINDOW_SECONDS = 60
MAX_BODY_BYTES = 2 * 1024 * 1024
# The deepest body an endpoint takes is three levels ({"lines": [{...}]}): deeper JSON is refused
# before it is parsed.
MAX_JSON_DEPTH = 10
MAX_IDEMPOTENCY_KEY = 128
LOGGED_READ_CHARS = 4000
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(rb"[\[\]{}]")
_IDEMPOTENCY_KEY = re.compile(rf"^[\x21-\x7e]{{1,{MAX_IDEMPOTENCY_KEY}}}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# What an endpoint declares (see controllers/main.py's ApiOperation); the defaults fit a dealer's read.
DEFAULT_ROUTE = {
    "operation": None,
    "method": "GET",
    "scope": None,
    "audience": ("dealer", "integration"),
    "acts_for": "dealer",
    "idempotency": "required",
    "request_id_in_body": False,
}

_logger = logging.getLogger(__name__)


class ApiRefusal(Exception):
    """A write that cannot be applied: (status, error answer) to give; the caller's savepoint rolls back."""

    def __init__(self, status, answer):
        super().__init__(answer["message"])
        self.status, self.answer = status, answer


class DealerApiCall(models.Model):
    """One call of the dealer API, whatever its outcome: who, what, when and the answer given.

    ``_process`` is the frame every endpoint goes through: key, rate limit, scope, the dealer the
    call acts for, the body's bounds, idempotency, ETag, the log. The add-ons that add endpoints
    add their operations here as ``_dealer_api_<operation>(request)`` methods.
    """

    _name = "dealer.api.call"
    _description = "Dealer API Call"
    _order = "id desc"
    _rec_name = "request_id"

    key_id = fields.Many2one("dealer.api.key", string="API Key", index=True, ondelete="set null", readonly=True)
    dealer_id = fields.Many2one("res.partner", index=True, ondelete="cascade", readonly=True)
    method = fields.Char(readonly=True)
    path = fields.Char(readonly=True)
    operation = fields.Char(readonly=True)
    request_id = fields.Char(
        string="Idempotency Key", readonly=True, help="Given by the calling system to replay a write safely."
    )
    payload_hash = fields.Char(readonly=True)
    status_code = fields.Integer(string="Status", readonly=True)
    response = fields.Text(readonly=True)
    replay_of_id = fields.Many2one("dealer.api.call", readonly=True, ondelete="set null")
    ip_address = fields.Char(string="IP Address", readonly=True)
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)

    def init(self):
        # An idempotency key is applied once per API key; its replays only return the first answer.
        # (Until 18.0.1.0.0 of this module, request ids were unique per dealer.)
        self.env.cr.execute("DROP INDEX IF EXISTS dealer_api_call_request_uniq")
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS dealer_api_call_idempotency_uniq
                ON dealer_api_call (key_id, request_id)
             WHERE request_id IS NOT NULL AND replay_of_id IS NULL AND status_code < 300
            """
        )
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS dealer_api_call_key_date_idx ON dealer_api_call (key_id, create_date)"
        )

    # ------------------------------------------------------------
    # THE FRAME
    # ------------------------------------------------------------

    @api.model
    def _process(self, raw_key, call):
        """Authenticate, rate-limit, check, run and log one API call; returns (status, answer, headers).

        call: {"method", "path", "operation", "params", "path_params", "body", "ip_address", "headers",
        "route"}; route
        is what the endpoint declares (DEFAULT_ROUTE's keys). Called in sudo by the controller: the
        dealer is the key's (or, for an integration key, the one it names and may act for), never
        one the body names. An answer of None (status 304) has no body.
        """
        started = time.monotonic()
        route = dict(DEFAULT_ROUTE, operation=call.get("operation"), method=call["method"])
        route.update(call.get("route") or {})
        key = self.env["dealer.api.key"]._authenticate(raw_key)
        log = {
            "method": call["method"],
            "path": call["path"],
            "operation": route["operation"],
            "ip_address": call.get("ip_address"),
        }
        headers = {}
        if not key:
            status, answer = 401, self._error("invalid_key", _("Missing, unknown, expired or revoked API key."))
            headers["WWW-Authenticate"] = 'Bearer realm="dealer_api"'
        else:
            log.update(key_id=key.id, dealer_id=key.dealer_id.id)
            # Serialises the calls of one key, so that the rate limit and the replay check hold: a
            # concurrent call waits, then fails to serialize (the key's row changed) and Odoo retries it.
            self.env.cr.execute(SQL("SELECT id FROM dealer_api_key WHERE id = %s FOR UPDATE", key.id))
            limit = self._rate_limit()
            if self._recent_calls(key) >= limit:
                status = 429
                answer = self._error(
                    "rate_limited",
                    _("More than %(limit)s calls in %(seconds)s seconds.", limit=limit, seconds=RATE_WINDOW_SECONDS),
                )
                headers["Retry-After"] = str(RATE_WINDOW_SECONDS)
            else:
                try:
                    with self.env.cr.savepoint():
                        status, answer, more = self._dispatch(key, route, call, log)
                except psycopg2.OperationalError:
                    raise  # a concurrent update: Odoo retries the whole request
                except Exception:
                    # The call is still logged, and so counted by the rate limit, whatever went wrong.
                    _logger.exception("Dealer API call %s %s failed", call["method"], call["path"])
                    status, answer, more = 500, self._error("internal_error", _("The call failed.")), {}
                headers.update(more)
            key.last_used_on = fields.Datetime.now()
        response = json.dumps(answer, ensure_ascii=False, default=str) if answer is not None else ""
        if call["method"] == "GET" and len(response) > LOGGED_READ_CHARS:
            # A write's answer is kept whole (a replay answers it again); a read's only as a sample.
            response = response[:LOGGED_READ_CHARS] + " …"
        log.update(
            status_code=status,
            response=response or False,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        self.create(log)
        return status, answer, headers

    @api.model
    def _dispatch(self, key, route, call, log):
        """(status, answer, headers) of an authenticated call within the rate limit."""
        # answered: a refusal, or the first answer of a replayed write.
        if self._has_nul(call.get("params") or {}):
            # PostgreSQL text cannot hold one: refused before any lookup.
            message = _("Parameters may not contain NUL characters.")
            return 400, self._error("invalid_parameter", message), {}
        dealer, answered = self._authorise(key, route, call.get("params") or {})
        if not answered:
            log["dealer_id"] = dealer.id or log.get("dealer_id")
            request = {
                "key": key,
                "dealer": dealer,
                "route": route,
                "params": call.get("params") or {},
                "path_params": call.get("path_params") or {},
                "payload": None,
                "log": log,
            }
            if route["method"] == "DELETE" and call.get("body") == b"":
                # A DELETE names its object in the path: it needs no body.
                request["payload"] = {}
                answered = self._check_idempotency(key, route, call, request["payload"], log)
            elif route["method"] != "GET":
                request["payload"], answered = self._parse_body(call.get("body"))
                answered = answered or self._check_idempotency(key, route, call, request["payload"], log)
        if answered:
            status, answer, *headers = answered
            return status, answer, dict(headers[0]) if headers else {}
        return self._run(route, call, request)

    @api.model
    def _run(self, route, call, request):
        """(status, answer, headers) of the endpoint's operation, with an ETag on a successful read."""
        handler = getattr(self, f"_dealer_api_{route['operation']}", None)
        if handler is None:
            return 404, self._error("not_found", _("This endpoint does not exist.")), {}
        status, answer, *rest = handler(request)
        headers = dict(rest[0]) if rest else {}
        if route["method"] == "GET" and status == 200:
            etag = f'W/"{self._hash(answer)[:32]}"'
            headers["ETag"] = etag
            wanted = (call.get("headers") or {}).get("If-None-Match") or ""
            if etag in (tag.strip() for tag in wanted.split(",")) or wanted.strip() == "*":
                return 304, None, headers
        return status, answer, headers

    @api.model
    def _authorise(self, key, route, params):
        """(dealer the call acts for, None), or (empty, (status, error answer)) when the key may not call."""
        Partner = self.env["res.partner"].sudo()
        if key.key_type not in route["audience"]:
            return Partner, (403, self._error("wrong_key_type", _("This endpoint does not take this kind of key.")))
        if not key._has_scope(route["scope"]):
            message = _("This key lacks the scope %s.", route["scope"])
            return Partner, (403, self._error("missing_scope", message, scope=route["scope"]))
        return self._acting_dealer(key, route, params)

    @api.model
    def _dealer_is_active(self, dealer):
        return bool(dealer) and dealer.is_dealer and dealer.dealer_state == "active"

    @api.model
    def _acting_dealer(self, key, route, params):
        """(dealer, None) the call acts for, or (empty, (status, error answer)).

        A dealer key always acts for its own dealer (naming another one is refused); an integration
        key names the dealer by its code in the ``dealer`` parameter where the endpoint acts for one.
        Nobody acts for a dealer that is not active.
        """
        Partner = self.env["res.partner"].sudo()
        code = params.get("dealer") if isinstance(params.get("dealer"), str) else None
        dealer, error = Partner, None
        if key.key_type == "dealer":
            dealer = key.dealer_id
            if code and code != dealer.dealer_code:
                error = (403, self._error("forbidden_dealer", _("A dealer key acts for its own dealer only.")))
        elif route["acts_for"] == "dealer":
            if not code:
                error = (400, self._error("dealer_required", _('Name the dealer by its code in "dealer".')))
            else:
                dealer = Partner.search([("is_dealer", "=", True), ("dealer_code", "=", code.strip())], limit=1)
                if not dealer:
                    error = (404, self._error("unknown_dealer", _("No dealer has the code %s.", code)))
        if not error and dealer and not self._dealer_is_active(dealer):
            error = (403, self._error("dealer_inactive", _("The dealer is not active.")))
        return (Partner, error) if error else (dealer, None)

    # ------------------------------------------------------------
    # BODY AND IDEMPOTENCY
    # ------------------------------------------------------------

    @api.model
    def _parse_body(self, body):
        """(payload, None), or (None, (status, error answer)) for a body too large, too deep or not JSON.

        body: the raw bytes, or None when the request declared more than MAX_BODY_BYTES (never read).
        """
        if body is None or len(body) > MAX_BODY_BYTES:
            return None, (413, self._error("too_large", _("The request body is larger than 2 MB.")))
        if self._json_too_deep(body or b""):
            message = _("The request body is nested more than %s levels deep.", MAX_JSON_DEPTH)
            return None, (400, self._error("invalid_json", message))
        try:
            payload = json.loads(body or b"")
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None, (400, self._error("invalid_json", _("The request body is not valid JSON.")))
        if not isinstance(payload, dict):
            return None, (400, self._error("invalid_payload", _("The request body must be a JSON object.")))
        if self._has_nul(payload):
            # PostgreSQL text cannot hold one: no endpoint should have to check it.
            return None, (400, self._error("invalid_payload", _("The request body may not contain NUL characters.")))
        return payload, None

    @staticmethod
    def _has_nul(value):
        """Whether a JSON value holds a NUL character in a string or a key (without recursion)."""
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                if "\x00" in item:
                    return True
            elif isinstance(item, dict):
                stack.extend(item)
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        return False

    @staticmethod
    def _json_too_deep(body):
        """Whether the brackets of a JSON text (strings left out) nest deeper than MAX_JSON_DEPTH.

        Python's parser recurses once per level: a deep enough body exhausts the
        stack, so the depth is measured before parsing, without recursion.
        """
        depth = 0
        for bracket in _JSON_BRACKET.finditer(_JSON_STRING.sub(b'""', bytes(body))):
            if bracket.group() in (b"[", b"{"):
                depth += 1
                if depth > MAX_JSON_DEPTH:
                    return True
            else:
                depth -= 1
        return False

    @staticmethod
    def _hash(payload):
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()

    @api.model
    def _check_idempotency(self, key, route, call, payload, log):
        """The first answer to replay (status, answer, headers), an error, or None to run the call.

        The key comes from the ``Idempotency-Key`` header (or, where the endpoint allows it, from
        ``request_id`` in the body). It is scoped to the API key: the same idempotency key with the
        same body on the same endpoint answers the first successful result again without applying
        anything; with another body or endpoint, 409. A call that failed applied nothing, so its key
        may be used again.
        """
        idempotency_key = (call.get("headers") or {}).get("Idempotency-Key")
        if idempotency_key is None and route["request_id_in_body"]:
            idempotency_key = payload.get("request_id")
        if idempotency_key is None:
            if route["idempotency"] == "required":
                message = _("Send an Idempotency-Key header with every write.")
                return 400, self._error("idempotency_key_required", message), {}
            return None
        if not isinstance(idempotency_key, str) or not _IDEMPOTENCY_KEY.match(idempotency_key):
            message = _("The idempotency key must be 1 to %s printable ASCII characters.", MAX_IDEMPOTENCY_KEY)
            return 400, self._error("invalid_idempotency_key", message), {}
        payload_hash = self._hash(payload)
        log.update(request_id=idempotency_key, payload_hash=payload_hash)
        original = self.search(
            [
                ("key_id", "=", key.id),
                ("request_id", "=", idempotency_key),
                ("replay_of_id", "=", False),
                ("status_code", "<", 300),
            ],
            limit=1,
        )
        if not original:
            return None
        log["replay_of_id"] = original.id
        if (original.payload_hash, original.method, original.path) != (payload_hash, call["method"], call["path"]):
            message = _("This idempotency key was already used with another request.")
            return 409, self._error("idempotency_key_reused", message), {}
        return original.status_code, json.loads(original.response), {"Idempotent-Replay": "true"}

    # ------------------------------------------------------------
    # SETTINGS AND ANSWERS
    # ------------------------------------------------------------

    @api.model
    def _rate_limit(self):
        value = self.env["ir.config_parameter"].sudo().get_param("dealer_api.rate_limit", DEFAULT_RATE_LIMIT)
        try:
            return max(int(value), 1)
        except (TypeError, ValueError):
            return DEFAULT_RATE_LIMIT

    @api.model
    def _recent_calls(self, key):
        self.env.cr.execute(
            SQL(
                """
                SELECT COUNT(*) FROM dealer_api_call
                 WHERE key_id = %s AND create_date > (NOW() AT TIME ZONE 'UTC') - %s * INTERVAL '1 second'
                """,
                key.id,
                RATE_WINDOW_SECONDS,
            )
        )
        return self.env.cr.fetchone()[0]

    @staticmethod
    def _error(code, message, **extra):
        """The one shape of every error answer: {"status": "error", "error": code, "message": text, ...}."""
        return dict({"status": "error", "error": code, "message": message}, **extra)

    @staticmethod
    def _page_answer(dealer, page, limit, total, **items):
        """The answer of a page of a dealer's records: {"status": "ok", "dealer", "page", "limit", "total",
        "pages", <items>}."""
        return {
            "status": "ok",
            "dealer": dealer.dealer_code,
            "page": page,
            "limit": limit,
            "total": total,
            "pages": math.ceil(total / limit) if total else 0,
            **items,
        }

    @staticmethod
    def _parse_day(value, today, earliest=None):
        """The day of a "YYYY-MM-DD" string from ``earliest`` to tomorrow (a time zone ahead), else None."""
        if not isinstance(value, str) or not _DATE.match(value):
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return day if (earliest is None or earliest <= day) and day <= today + timedelta(days=1) else None

    @api.model
    def _dealer_api_me(self, request):
        """The key itself: what it is, whom it acts for, what it may do."""
        key = request["key"]
        dealer = key.dealer_id
        return 200, {
            "status": "ok",
            "key": {
                "name": key.name,
                "type": key.key_type,
                "prefix": key.index,
                "scopes": key.scope_ids.mapped("code"),
                "expires_on": fields.Datetime.to_string(key.expires_on) if key.expires_on else None,
            },
            "dealer": {"code": dealer.dealer_code, "name": dealer.name} if dealer else None,
            "rate_limit": {"calls": self._rate_limit(), "seconds": RATE_WINDOW_SECONDS},
        }
