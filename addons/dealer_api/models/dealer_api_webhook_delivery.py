import hashlib
import hmac
import json
import logging
import threading
import time
from datetime import timedelta

import requests

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# The wait before each retry of a delivery that failed; after the last one it is given up.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
)
BATCH_SIZE = 50
DEFAULT_TIMEOUT = 5
MAX_ERROR_CHARS = 500
SIGNATURE_HEADER = "X-Dealer-Signature"
USER_AGENT = "DealerPlatform-Webhooks/1"


def signature(secret, timestamp, body):
    """The hex HMAC-SHA256 of ``<timestamp>.<body>`` with the subscription's secret."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


class DealerApiWebhookDelivery(models.Model):
    """One event to be posted to one subscription: created with the event, in its transaction, and
    sent by a cron only after it committed, so that a slow or dead receiver never holds up the
    order that raised the event. A failure is retried after 1 minute, 5, 30, 2 hours and 12 hours,
    then the delivery is failed; a Dealer Manager may replay it."""

    _name = "dealer.api.webhook.delivery"
    _description = "Dealer API Webhook Delivery"
    _order = "id desc"
    _rec_name = "event_id"

    event_id = fields.Many2one("dealer.api.event", required=True, index=True, ondelete="cascade", readonly=True)
    webhook_id = fields.Many2one("dealer.api.webhook", required=True, index=True, ondelete="cascade", readonly=True)
    event_type = fields.Selection(related="event_id.event_type", store=True, string="Event Type")
    dealer_id = fields.Many2one(related="event_id.dealer_id", store=True, index=True)
    company_id = fields.Many2one(related="webhook_id.company_id", store=True)
    url = fields.Char(related="webhook_id.url", string="URL")
    state = fields.Selection(
        [("pending", "Pending"), ("sent", "Sent"), ("failed", "Failed")],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    attempts = fields.Integer(readonly=True)
    next_attempt_at = fields.Datetime(default=fields.Datetime.now, readonly=True)
    last_attempt_at = fields.Datetime(readonly=True)
    last_status = fields.Integer(string="Last HTTP Status", readonly=True)
    last_error = fields.Char(readonly=True)
    duration_ms = fields.Integer(string="Duration (ms)", readonly=True)
    replay_of_id = fields.Many2one("dealer.api.webhook.delivery", readonly=True, ondelete="set null")

    def init(self):
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS dealer_api_webhook_delivery_due_idx
                ON dealer_api_webhook_delivery (next_attempt_at, id) WHERE state = 'pending'
            """
        )

    # ------------------------------------------------------------
    # SCHEDULING
    # ------------------------------------------------------------

    def _dealer_api_wake_sender(self, at=None):
        """Ask the sending cron to run (it sees these deliveries once their transaction committed)."""
        cron = self.env.ref("dealer_api.ir_cron_dealer_api_webhook_send", raise_if_not_found=False)
        if cron:
            cron.sudo()._trigger(at)

    @api.model
    def _dealer_api_backoff(self, attempts):
        """The wait before the next attempt after ``attempts`` failed ones, or None: give up."""
        return BACKOFF[attempts - 1] if 1 <= attempts <= len(BACKOFF) else None

    @api.model
    def _dealer_api_due(self, limit=BATCH_SIZE):
        """Pending deliveries whose time has come, locked (others running at once skip them)."""
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM dealer_api_webhook_delivery
                 WHERE state = 'pending' AND next_attempt_at <= %s
                 ORDER BY next_attempt_at, id
                 LIMIT %s
                   FOR UPDATE SKIP LOCKED
                """,
                fields.Datetime.now(),
                limit,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _cron_send(self):
        """Send a batch of due deliveries; the cron runs again at once while some are left."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        deliveries = self._dealer_api_due()
        deliveries._dealer_api_send(auto_commit=auto_commit)
        remaining = self.search_count([("state", "=", "pending"), ("next_attempt_at", "<=", fields.Datetime.now())])
        self.env["ir.cron"]._notify_progress(done=len(deliveries), remaining=remaining)
        later = self.search([("state", "=", "pending")], order="next_attempt_at", limit=1)
        if later and not remaining:
            later._dealer_api_wake_sender(later.next_attempt_at)

    # ------------------------------------------------------------
    # SENDING
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_timeout(self):
        value = self.env["ir.config_parameter"].sudo().get_param("dealer_api.webhook_timeout", DEFAULT_TIMEOUT)
        try:
            return min(max(float(value), 0.1), 30.0)
        except (TypeError, ValueError):
            return DEFAULT_TIMEOUT

    def _dealer_api_request(self, timestamp=None):
        """(body, headers) of the POST of this delivery, signed now (or at ``timestamp``)."""
        self.ensure_one()
        event = self.event_id
        body = json.dumps(event._dealer_api_json()[event.id], ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = int(time.time()) if timestamp is None else timestamp
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Dealer-Event": event.event_type,
            "X-Dealer-Event-Id": str(event.id),
            "X-Dealer-Delivery-Id": str(self.id),
            SIGNATURE_HEADER: f"t={timestamp},v1={signature(self.webhook_id.sudo().secret, timestamp, body)}",
        }
        return body, headers

    def _dealer_api_send(self, auto_commit=False):
        """Post each of these deliveries once, with a short timeout, and record the outcome."""
        timeout = self._dealer_api_timeout()
        Webhook = self.env["dealer.api.webhook"]
        for delivery in self.sudo():
            body, headers = delivery._dealer_api_request()
            started = time.monotonic()
            status, error = 0, False
            url_error = Webhook._dealer_api_url_error(delivery.webhook_id.url)
            if not delivery.webhook_id.active:
                delivery.write({"state": "failed", "last_error": _("The webhook was deleted or archived.")})
                continue
            if url_error:
                error = url_error
            else:
                try:
                    response = requests.post(
                        delivery.webhook_id.url, data=body, headers=headers, timeout=timeout, allow_redirects=False
                    )
                    status = response.status_code
                    if not 200 <= status < 300:
                        error = _("The receiver answered %s.", status)
                except requests.RequestException as exc:
                    error = str(exc)
            delivery._dealer_api_record(status, error, int((time.monotonic() - started) * 1000))
            if auto_commit:
                # Each outcome is kept as soon as known: a crash later never sends it again.
                self.env.cr.commit()  # pylint: disable=invalid-commit

    def _dealer_api_record(self, status, error, duration_ms):
        self.ensure_one()
        now = fields.Datetime.now()
        attempts = self.attempts + 1
        vals = {
            "attempts": attempts,
            "last_attempt_at": now,
            "last_status": status,
            "last_error": (error or "")[:MAX_ERROR_CHARS] or False,
            "duration_ms": duration_ms,
        }
        if not error:
            vals["state"] = "sent"
        else:
            wait = self._dealer_api_backoff(attempts)
            if wait is None:
                vals["state"] = "failed"
            else:
                vals["next_attempt_at"] = now + wait
            _logger.info("Webhook delivery #%s failed (attempt %s): %s", self.id, attempts, vals["last_error"])
        self.write(vals)

    # ------------------------------------------------------------
    # REPLAY
    # ------------------------------------------------------------

    def action_replay(self):
        """Send these deliveries' events to their subscriptions again, as new deliveries."""
        self._dealer_api_replay()
        return True

    def _dealer_api_replay(self):
        """The new pending deliveries of these deliveries' events (Dealer Managers only)."""
        if not (self.env.su or self.env.user.has_group("dealer_base.group_dealer_manager")):
            raise AccessError(_("Only dealer managers replay webhook deliveries."))
        replays_sudo = self.sudo().create(
            [
                {"event_id": delivery.event_id.id, "webhook_id": delivery.webhook_id.id, "replay_of_id": delivery.id}
                for delivery in self
            ]
        )
        replays_sudo._dealer_api_wake_sender()
        return replays_sudo
