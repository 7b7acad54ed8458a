import hashlib
import json
import logging
import re
import time

import psycopg2

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..tools.channel_math import parse_period, period_label
from .dealer_stock_report import DealerStockReportError

DEFAULT_RATE_LIMIT = 60
RATE_WINDOW_SECONDS = 60
MAX_BODY_BYTES = 2 * 1024 * 1024
# A stock report is {"lines": [{...}]}: three levels. Deeper JSON is refused before it is parsed.
MAX_JSON_DEPTH = 10
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_JSON_BRACKET = re.compile(rb"[\[\]{}]")

_logger = logging.getLogger(__name__)


class DealerApiCall(models.Model):
    """One call of the dealer API, whatever its outcome: who, what, when and the answer given."""

    _name = "dealer.api.call"
    _description = "Dealer API Call"
    _order = "id desc"
    _rec_name = "request_id"

    key_id = fields.Many2one("dealer.api.key", string="API Key", index=True, ondelete="set null", readonly=True)
    dealer_id = fields.Many2one("res.partner", index=True, ondelete="cascade", readonly=True)
    method = fields.Char(readonly=True)
    path = fields.Char(readonly=True)
    request_id = fields.Char(string="Request ID", readonly=True, help="Given by the dealer's system to replay safely.")
    payload_hash = fields.Char(readonly=True)
    status_code = fields.Integer(string="Status", readonly=True)
    response = fields.Text(readonly=True)
    replay_of_id = fields.Many2one("dealer.api.call", readonly=True, ondelete="set null")
    ip_address = fields.Char(string="IP Address", readonly=True)
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)

    def init(self):
        # A request id is applied once per dealer; its replays only return the first answer.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS dealer_api_call_request_uniq
                ON dealer_api_call (dealer_id, request_id)
             WHERE request_id IS NOT NULL AND replay_of_id IS NULL AND status_code < 300
            """
        )
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS dealer_api_call_key_date_idx ON dealer_api_call (key_id, create_date)"
        )

    # ------------------------------------------------------------
    # DISPATCH
    # ------------------------------------------------------------

    @api.model
    def _process(self, raw_key, call):
        """Authenticate, rate-limit, run and log one API call; returns (status, answer, headers).

        call: {"method", "path", "operation", "params", "body", "ip_address"}. Called in sudo by the
        controller: the dealer is the key's, never one named in the call.
        """
        started = time.monotonic()
        key = self.env["dealer.api.key"]._authenticate(raw_key)
        log = {"method": call["method"], "path": call["path"], "ip_address": call["ip_address"]}
        headers = {}
        if not key:
            status, answer = 401, self._error("invalid_key", _("Missing, unknown or revoked API key."))
        else:
            dealer = key.dealer_id
            log.update(key_id=key.id, dealer_id=dealer.id)
            # Serialises the calls of one key, so that the rate limit and the replay check hold.
            self.env.cr.execute(SQL("SELECT id FROM dealer_api_key WHERE id = %s FOR UPDATE", key.id))
            limit = self._rate_limit()
            if self._recent_calls(key) >= limit:
                status = 429
                answer = self._error(
                    "rate_limited", _("More than %(limit)s calls in %(seconds)s seconds.", limit=limit, seconds=60)
                )
                headers["Retry-After"] = str(RATE_WINDOW_SECONDS)
            elif not dealer.is_dealer or dealer.dealer_state != "active":
                status, answer = 403, self._error("dealer_inactive", _("The dealer is not active."))
            else:
                try:
                    with self.env.cr.savepoint():
                        status, answer, replay = self._run(dealer, call["operation"], call["params"], call["body"], log)
                except psycopg2.OperationalError:
                    raise  # a concurrent update: Odoo retries the whole request
                except Exception:
                    # The call is still logged, and so counted by the rate limit, whatever went wrong.
                    _logger.exception("Dealer API call %s %s failed", call["method"], call["path"])
                    status, answer, replay = 500, self._error("internal_error", _("The call failed.")), False
                if replay:
                    headers["Idempotent-Replay"] = "true"
            key.last_used_on = fields.Datetime.now()
        log.update(
            status_code=status,
            response=json.dumps(answer, ensure_ascii=False, default=str),
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        self.create(log)
        return status, answer, headers

    @api.model
    def _rate_limit(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("dealer_channel_inventory.api_rate_limit", DEFAULT_RATE_LIMIT)
        )
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
        return dict({"status": "error", "error": code, "message": message}, **extra)

    @api.model
    def _run(self, dealer, operation, params, body, log):
        """(status, answer, replayed) of an authenticated call."""
        if log["method"] == "GET" and operation in ("stock_reports", "suggestions"):
            if operation == "suggestions":
                return 200, self._get_suggestions(dealer), False
            answer = self._get_stock_reports(dealer, params.get("period"))
            return (400 if answer["status"] == "error" else 200), answer, False
        if operation != "stock_reports" or log["method"] != "POST":
            return 405, self._error("method_not_allowed", _("This method is not allowed here.")), False
        return self._run_post(dealer, body, log)

    @api.model
    def _run_post(self, dealer, body, log):
        """(status, answer, replayed) of a stock report sent by a dealer's system."""
        payload, error = self._parse_payload(body)
        if error:
            return 400 if error["error"] != "too_large" else 413, error, False
        request_id = payload.get("request_id")
        payload_hash = hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()
        log.update(request_id=request_id, payload_hash=payload_hash)
        original = request_id and self.search(
            [
                ("dealer_id", "=", dealer.id),
                ("request_id", "=", request_id),
                ("replay_of_id", "=", False),
                ("status_code", "<", 300),
            ],
            limit=1,
        )
        if original:
            log["replay_of_id"] = original.id
            if original.payload_hash != payload_hash:
                message = _("This request_id was already used with a different body.")
                return 409, self._error("request_id_reused", message), False
            return original.status_code, json.loads(original.response), True
        status, answer = self._post_stock_report(dealer, payload)
        return status, answer, False

    @api.model
    def _parse_payload(self, body):
        """(payload, error answer) of a stock report call's body (None: a body too large to be read)."""
        if body is None or len(body) > MAX_BODY_BYTES:
            return None, self._error("too_large", _("The request body is larger than 2 MB."))
        if self._json_too_deep(body or b""):
            return None, self._error(
                "invalid_json", _("The request body is nested more than %s levels deep.", MAX_JSON_DEPTH)
            )
        try:
            payload = json.loads(body or b"")
        except (ValueError, UnicodeDecodeError, RecursionError):
            return None, self._error("invalid_json", _("The request body is not valid JSON."))
        if not isinstance(payload, dict) or not isinstance(payload.get("lines"), list):
            return None, self._error("invalid_payload", _('The body must be an object with a "lines" list.'))
        request_id = payload.get("request_id")
        if request_id is not None and (not isinstance(request_id, str) or not 0 < len(request_id) <= 128):
            return None, self._error("invalid_request_id", _("request_id must be a text of 1 to 128 characters."))
        return payload, None

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

    @api.model
    def _post_stock_report(self, dealer, payload):
        """(status, answer) of saving the report lines of a call, all or nothing."""
        rows = []
        for number, item in enumerate(payload["lines"], start=1):
            values = item if isinstance(item, dict) else {}
            rows.append(
                {
                    "ref": _("line %s", number),
                    "sku": values.get("sku"),
                    "period": values.get("period"),
                    "on_hand": values.get("on_hand"),
                    "sold": values.get("sold"),
                }
            )
        try:
            result = self.env["dealer.stock.report"]._submit_rows(
                dealer, rows, "api", default_period=payload.get("period")
            )
        except DealerStockReportError as error:
            return 422, self._error(
                "invalid_lines",
                _("Nothing was saved: correct these lines and send the report again."),
                errors=[{"line": ref, "message": message} for ref, message in error.errors],
            )
        answer = {
            "status": "ok",
            "request_id": payload.get("request_id"),
            "reports": [
                {
                    "period": period_label(report.period_type, report.period_start),
                    "period_start": fields.Date.to_string(report.period_start),
                    "lines": len(report.line_ids),
                }
                for report in result["reports"]
            ],
            "warnings": [{"line": ref, "message": message} for ref, message in result["warnings"]],
        }
        return 200, answer

    @api.model
    def _get_stock_reports(self, dealer, period=None):
        domain = [("dealer_id", "=", dealer.id)]
        if period:
            parsed = parse_period(period, dealer.channel_report_period or "week")
            if not parsed:
                return self._error("invalid_period", _("%s is not a period: use 2026-W46, 2026-11 or a date.", period))
            domain += [("period_type", "=", parsed[0]), ("period_start", "=", parsed[1])]
        lines = self.env["dealer.stock.report.line"].search(domain, limit=2000)
        return {
            "status": "ok",
            "lines": [
                {
                    "period_start": fields.Date.to_string(line.period_start),
                    "period_end": fields.Date.to_string(line.period_end),
                    "sku": line.product_id.default_code or line.product_id.barcode,
                    "on_hand": line.onhand_qty,
                    "sold": line.sold_qty,
                    "warning": line.warning or None,
                }
                for line in lines
            ],
        }

    @api.model
    def _get_suggestions(self, dealer):
        rows = self.env["dealer.channel.stock"].search(
            [("dealer_id", "=", dealer.id), ("suggested_qty", ">", 0)], order="product_id"
        )
        return {
            "status": "ok",
            "suggestions": [
                {
                    "sku": row.product_id.default_code or row.product_id.barcode,
                    "suggested_qty": row.suggested_qty,
                    "channel_stock": row.channel_qty,
                    "estimated": row.is_estimated,
                    "weeks_of_cover": row.cover_weeks if row.weekly_sellout > 0 else None,
                    "reasoning": row.reasoning,
                }
                for row in rows
            ],
        }
