import base64
import binascii
import re

from odoo import api, fields, models
from odoo.tools import SQL

EVENT_TYPES = [
    ("order.confirmed", "Order confirmed"),
    ("order.held", "Order held"),
    ("order.shipped", "Order shipped"),
    ("order.invoiced", "Order invoiced"),
    ("order.paid", "Order paid"),
    ("invoice.posted", "Invoice posted"),
    ("payment.received", "Payment received"),
]
EVENT_TYPE_CODES = tuple(code for code, _label in EVENT_TYPES)
_CURSOR = re.compile(r"^([0-9]{1,20})\.([0-9]{1,19})$")


class DealerApiEvent(models.Model):
    """One business event of a dealer (an order confirmed, held, shipped, invoiced, paid; an invoice
    posted; a payment received), as the change feed and the webhooks tell it.

    Each row keeps the id of the transaction that created it (``txid``, an xid8 column outside the
    ORM, set by PostgreSQL's ``pg_current_xact_id()``). Ids are handed out in one order and
    transactions commit in another: the feed sorts by (txid, id) and only serves the events of
    transactions older than the oldest one still running, so that no event can appear later before
    a position already served (see ``_dealer_api_feed_rows``).
    """

    _name = "dealer.api.event"
    _description = "Dealer API Event"
    _order = "id desc"
    _rec_name = "reference"

    event_type = fields.Selection(EVENT_TYPES, string="Event", required=True, readonly=True, index=True)
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True, readonly=True)
    reference = fields.Char(readonly=True)
    dealer_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", index=True, readonly=True)
    payload = fields.Json(readonly=True)
    delivery_ids = fields.One2many("dealer.api.webhook.delivery", "event_id", string="Deliveries")

    def init(self):
        # The transaction that created the event: the feed's order, and how it knows that no
        # transaction still running can commit an event sorting before a given position.
        self.env.cr.execute(
            """
            ALTER TABLE dealer_api_event
              ADD COLUMN IF NOT EXISTS txid xid8 NOT NULL DEFAULT pg_current_xact_id()
            """
        )
        # A page is an index range scan from the cursor: its cost does not grow with the history.
        self.env.cr.execute("CREATE INDEX IF NOT EXISTS dealer_api_event_feed_idx ON dealer_api_event (txid, id)")
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS dealer_api_event_dealer_feed_idx ON dealer_api_event (dealer_id, txid, id)"
        )

    # ------------------------------------------------------------
    # EMIT
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_emit(self, event_type, records):
        """Record ``event_type`` for those of ``records`` that belong to a dealer (others: nothing),
        with a snapshot of each in its payload, and schedule their webhook deliveries.

        Batched: the payloads come from one call of the model's ``_dealer_api_event_payload`` hook,
        the events and deliveries are created in one go each. Returns the events (sudo).
        """
        records = records.sudo()
        dealers = records._dealer_api_event_dealers() if records else {}
        records = records.filtered(lambda record: dealers.get(record.id))
        if not records:
            return self.sudo().browse()
        payloads = records._dealer_api_event_payload(event_type)
        events = (
            self.sudo()
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "event_type": event_type,
                        "res_model": record._name,
                        "res_id": record.id,
                        "reference": record.display_name,
                        "dealer_id": dealers[record.id].id,
                        "company_id": record.company_id.id,
                        "payload": payloads.get(record.id) or {},
                    }
                    for record in records
                ]
            )
        )
        events._dealer_api_schedule_deliveries()
        return events

    def _dealer_api_schedule_deliveries(self):
        """The pending deliveries of these events to the active subscriptions that want them."""
        return self.env["dealer.api.webhook"].sudo()._dealer_api_deliveries_for(self)

    # ------------------------------------------------------------
    # WHAT THE FEED AND THE WEBHOOKS SAY
    # ------------------------------------------------------------

    def _dealer_api_json(self):
        """{event id: the event as the feed lists it and a webhook posts it}; no query per event."""
        object_types = {model: self._dealer_api_object_type(model) for model in set(self.mapped("res_model"))}
        return {
            event.id: {
                "id": event.id,
                "type": event.event_type,
                "created_at": event.create_date.strftime("%Y-%m-%dT%H:%M:%SZ") if event.create_date else None,
                "dealer": {"code": event.dealer_id.dealer_code or "", "name": event.dealer_id.name},
                "object": {"type": object_types[event.res_model], "id": event.res_id, "reference": event.reference},
                "data": event.payload or {},
            }
            for event in self
        }

    @api.model
    def _dealer_api_object_type(self, model_name):
        """What the API calls the records of ``model_name`` (its source's hook, else the model's name:
        an event outlives the module that raised it)."""
        hook = getattr(self.env.registry.get(model_name), "_dealer_api_event_object_type", None)
        return hook(self.env[model_name]) if hook else model_name

    # ------------------------------------------------------------
    # THE FEED
    # ------------------------------------------------------------

    @staticmethod
    def _dealer_api_cursor(txid, event_id):
        return base64.urlsafe_b64encode(f"{txid}.{event_id}".encode()).decode().rstrip("=")

    @staticmethod
    def _dealer_api_parse_cursor(cursor):
        """(txid, id) of a cursor the feed gave, (0, 0) for none, or None when it is not one."""
        if not cursor:
            return 0, 0
        if not isinstance(cursor, str) or len(cursor) > 64:
            return None
        try:
            text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        except (binascii.Error, ValueError):
            return None
        match = _CURSOR.match(text)
        if not match or int(match.group(1)) >= 2**63 or int(match.group(2)) >= 2**31:
            return None
        return int(match.group(1)), int(match.group(2))

    @api.model
    def _dealer_api_feed_rows(self, position, limit, event_types=None, dealer=None):
        """[(id, txid)] of at most ``limit`` events after ``position`` (txid, id), in feed order.

        Only events of transactions older than the snapshot's xmin are served: every transaction
        that could still commit an event sorting before them has ended, so the events after a
        position served are all there, now and in every later read. One query, an index range
        scan on (txid, id) or (dealer_id, txid, id).
        """
        self.flush_model()
        conditions = [
            SQL("event.txid < pg_snapshot_xmin(pg_current_snapshot())"),
            SQL("(event.txid, event.id) > (%s::text::xid8, %s)", str(position[0]), position[1]),
        ]
        if event_types:
            conditions.append(SQL("event.event_type IN %s", tuple(event_types)))
        if dealer:
            conditions.append(SQL("event.dealer_id = %s", dealer.id))
        self.env.cr.execute(
            SQL(
                # (An output column named txid would be what ORDER BY txid sorts: by its text.)
                """
                SELECT event.id, event.txid::text AS txid_text
                  FROM dealer_api_event event
                 WHERE %s
                 ORDER BY event.txid, event.id
                 LIMIT %s
                """,
                SQL(" AND ").join(conditions),
                limit,
            )
        )
        return [(event_id, int(txid)) for event_id, txid in self.env.cr.fetchall()]


class DealerApiEventSource(models.AbstractModel):
    """What a model whose records raise dealer API events says about them (hooks to override)."""

    _name = "dealer.api.event.source"
    _description = "Dealer API Event Source"

    @api.model
    def _dealer_api_event_object_type(self):
        """The kind of object the API names these records by (order, invoice, payment...)."""
        return self._name

    def _dealer_api_event_dealers(self):
        """{record id: the dealer it belongs to}, absent for records of no dealer."""
        return {record.id: record.partner_id.dealer_id for record in self if record.partner_id.dealer_id}

    def _dealer_api_event_payload(self, event_type):
        """{record id: JSON-able dict}, the snapshot an event carries; modules add their keys."""
        return {record.id: {} for record in self}
