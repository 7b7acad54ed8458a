from odoo import _, api, models

from .dealer_api_event import EVENT_TYPE_CODES

FEED_DEFAULT_LIMIT = 100
FEED_MAX_LIMIT = 500
MAX_WEBHOOKS_PER_DEALER = 20
MAX_DESCRIPTION = 200


class DealerApiCall(models.Model):
    """The change feed of dealers' events (integration keys) and dealers' own webhooks (dealer keys)."""

    _inherit = "dealer.api.call"

    # ------------------------------------------------------------
    # THE FEED
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_feed(self, request):
        """The events after the cursor, oldest first: {"events", "next_cursor", "has_more"}.

        Reading again from a cursor returns the same events (nothing is inserted before a position
        once served); following next_cursor never misses nor repeats one. Four queries at most,
        whatever the size of the history or of the page.
        """
        params = request["params"]
        Event = self.env["dealer.api.event"].sudo()
        position = Event._dealer_api_parse_cursor(params.get("cursor"))
        if position is None:
            return 400, self._error("invalid_cursor", _("The cursor is not one the feed gave."), parameter="cursor")
        raw_limit = params.get("limit")
        limit = FEED_DEFAULT_LIMIT
        if raw_limit not in (None, ""):
            if not (
                isinstance(raw_limit, str) and raw_limit.strip().isdigit() and 1 <= int(raw_limit) <= FEED_MAX_LIMIT
            ):
                message = _("limit must be a whole number from 1 to %s.", FEED_MAX_LIMIT)
                return 400, self._error("invalid_parameter", message, parameter="limit")
            limit = int(raw_limit)
        types = [code.strip() for code in str(params.get("types") or "").split(",") if code.strip()]
        unknown = sorted(set(types) - set(EVENT_TYPE_CODES))
        if unknown:
            message = _("Unknown event types: %s", ", ".join(unknown))
            return 400, self._error("invalid_parameter", message, parameter="types")
        dealer = None
        code = params.get("dealer")
        if code:
            dealer = (
                self.env["res.partner"]
                .sudo()
                .search([("is_dealer", "=", True), ("dealer_code", "=", str(code).strip())], limit=1)
            )
            if not dealer:
                return 404, self._error("unknown_dealer", _("No dealer has the code %s.", code))
        rows = Event._dealer_api_feed_rows(position, limit + 1, event_types=types, dealer=dealer)
        has_more = len(rows) > limit
        rows = rows[:limit]
        events = Event.browse([event_id for event_id, _txid in rows])
        answers = events._dealer_api_json()
        next_cursor = Event._dealer_api_cursor(rows[-1][1], rows[-1][0]) if rows else params.get("cursor") or ""
        return 200, {
            "status": "ok",
            "events": [answers[event_id] for event_id, _txid in rows],
            "next_cursor": next_cursor,
            "has_more": has_more,
        }

    # ------------------------------------------------------------
    # A DEALER'S WEBHOOKS
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_webhooks_domain(self, request):
        return [("dealer_id", "=", request["dealer"].id)]

    @api.model
    def _dealer_api_webhook_list(self, request):
        """The dealer's active subscriptions (their secrets are only given when they are made)."""
        webhooks = self.env["dealer.api.webhook"].sudo().search(self._dealer_api_webhooks_domain(request))
        return 200, {"status": "ok", "webhooks": [webhook._dealer_api_json() for webhook in webhooks]}

    @api.model
    def _dealer_api_webhook_create(self, request):
        """Subscribe the dealer's system to its own dealer's events; the answer carries the secret."""
        payload = request["payload"]
        Webhook = self.env["dealer.api.webhook"].sudo()
        errors = []
        url = payload.get("url")
        url_error = Webhook._dealer_api_url_error(url)
        if url_error:
            errors.append({"field": "url", "message": url_error})
        events = payload.get("events", [])
        if not isinstance(events, list) or not all(isinstance(code, str) for code in events):
            errors.append({"field": "events", "message": _("events must be a list of event types.")})
        elif set(events) - set(EVENT_TYPE_CODES):
            unknown = ", ".join(sorted(set(events) - set(EVENT_TYPE_CODES)))
            errors.append({"field": "events", "message": _("Unknown event types: %s", unknown)})
        description = payload.get("description")
        if description is not None and (not isinstance(description, str) or len(description) > MAX_DESCRIPTION):
            message = _("description must be a text of at most %s characters.", MAX_DESCRIPTION)
            errors.append({"field": "description", "message": message})
        dealer = request["dealer"]
        if Webhook.search_count(self._dealer_api_webhooks_domain(request)) >= MAX_WEBHOOKS_PER_DEALER:
            message = _("A dealer has at most %s webhooks.", MAX_WEBHOOKS_PER_DEALER)
            errors.append({"field": "url", "message": message})
        if errors:
            return 422, self._error("invalid_webhook", _("The webhook was not created."), errors=errors)
        webhook = Webhook.create(
            {
                "name": (description or "").strip() or request["key"].name,
                "url": url,
                "event_types": ",".join(dict.fromkeys(events)),
                "dealer_id": dealer.id,
                "key_id": request["key"].id,
                "company_id": False,
            }
        )
        return 200, {"status": "ok", "webhook": webhook._dealer_api_json(with_secret=True)}

    @api.model
    def _dealer_api_webhook_delete(self, request):
        """Stop the dealer's subscription: no delivery is sent to it from now on."""
        webhook_id = (request.get("path_params") or {}).get("webhook_id")
        webhook = (
            self.env["dealer.api.webhook"]
            .sudo()
            .search([*self._dealer_api_webhooks_domain(request), ("id", "=", webhook_id or 0)], limit=1)
        )
        if not webhook:
            return 404, self._error("not_found", _("No webhook of this dealer has this id."))
        webhook.active = False
        webhook.delivery_ids.filtered(lambda delivery: delivery.state == "pending").write(
            {"state": "failed", "last_error": _("The webhook was deleted or archived.")}
        )
        return 200, {"status": "ok", "id": webhook.id, "active": False}
