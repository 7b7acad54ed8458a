import ipaddress
import secrets
import socket
from urllib.parse import urlsplit

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from .dealer_api_event import EVENT_TYPE_CODES

MAX_URL_LENGTH = 2048
SECRET_PREFIX = "whsec_"


def _is_public_address(address):
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class DealerApiWebhook(models.Model):
    """A subscription to dealer API events: the URL to which they are posted, signed with its secret.

    The brand's subscriptions (no dealer) are made in the back office by Dealer Managers and receive
    the events of every dealer; a dealer's (made through the API with its dealer key) receives its
    own dealer's events only.
    """

    _name = "dealer.api.webhook"
    _description = "Dealer API Webhook"
    _order = "active desc, id desc"

    name = fields.Char(string="Description", required=True)
    url = fields.Char(string="URL", required=True, help="Where the events are posted (http or https).")
    event_types = fields.Char(
        string="Events",
        help="The events to send, separated by commas (order.confirmed, order.held, order.shipped, "
        "order.invoiced, order.paid, invoice.posted, payment.received); empty: every event.",
    )
    secret = fields.Char(
        readonly=True,
        copy=False,
        groups="dealer_base.group_dealer_manager",
        help="The key of the HMAC-SHA256 signature of every delivery: give it to the receiver.",
    )
    active = fields.Boolean(default=True)
    dealer_id = fields.Many2one(
        "res.partner",
        index=True,
        ondelete="cascade",
        domain=[("is_dealer", "=", True)],
        help="A dealer's subscription receives that dealer's events only; empty: the brand's, every dealer's.",
    )
    key_id = fields.Many2one("dealer.api.key", string="API Key", readonly=True, ondelete="set null")
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Events of this company only; empty: every company.",
    )
    delivery_ids = fields.One2many("dealer.api.webhook.delivery", "webhook_id", string="Deliveries")
    delivery_count = fields.Integer(compute="_compute_delivery_count")

    def _compute_delivery_count(self):
        counts = dict(
            self.env["dealer.api.webhook.delivery"]._read_group(
                [("webhook_id", "in", self.ids)], ["webhook_id"], ["__count"]
            )
        )
        for webhook in self:
            webhook.delivery_count = counts.get(webhook, 0)

    # ------------------------------------------------------------
    # CHECKS
    # ------------------------------------------------------------

    @api.constrains("url")
    def _check_url(self):
        for webhook in self:
            error = self._dealer_api_url_error(webhook.url)
            if error:
                raise ValidationError(error)

    @api.constrains("event_types")
    def _check_event_types(self):
        for webhook in self:
            unknown = set(webhook._dealer_api_event_types()) - set(EVENT_TYPE_CODES)
            if unknown:
                raise ValidationError(_("Unknown events: %s", ", ".join(sorted(unknown))))

    @api.model
    def _dealer_api_allow_private(self):
        return bool(self.env["ir.config_parameter"].sudo().get_param("dealer_api.webhook_allow_private"))

    @api.model
    def _dealer_api_url_error(self, url):
        """Why ``url`` cannot receive events (a message), or False.

        http(s) only, with a host and no credentials; a host whose addresses are not all public
        (loopback, private, link-local, reserved) or that cannot be found is refused, unless the
        system parameter dealer_api.webhook_allow_private is set: the events must not reach the
        brand's internal services. Checked when the URL is saved and again before each sending.
        """
        if not isinstance(url, str) or not url or len(url) > MAX_URL_LENGTH:
            return _("The URL must have 1 to %s characters.", MAX_URL_LENGTH)
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError:
            return _("The URL %s is not valid.", url)
        error = False
        if parts.scheme not in ("http", "https") or not parts.hostname:
            error = _("The URL must start with http:// or https:// and name a host.")
        elif parts.username or parts.password:
            error = _("The URL may not carry a user name or password.")
        elif not self._dealer_api_allow_private():
            error = self._dealer_api_address_error(url, parts.hostname, port)
        return error

    @api.model
    def _dealer_api_address_error(self, url, hostname, port):
        try:
            addresses = {info[4][0] for info in socket.getaddrinfo(hostname, port or 443)}
        except (OSError, UnicodeError):
            return _("The host of %s cannot be found.", url)
        if not all(_is_public_address(address.split("%")[0]) for address in addresses):
            return _("The URL %s leads to a private or local address.", url)
        return False

    # ------------------------------------------------------------
    # SUBSCRIPTIONS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("secret", self._dealer_api_new_secret())
        return super().create(vals_list)

    @staticmethod
    def _dealer_api_new_secret():
        return SECRET_PREFIX + secrets.token_hex(32)

    def action_regenerate_secret(self):
        """A new secret: the receivers must be given it, deliveries are signed with it from now on."""
        if not (self.env.su or self.env.user.has_group("dealer_base.group_dealer_manager")):
            raise AccessError(_("Only dealer managers manage the webhooks."))
        for webhook in self:
            webhook.sudo().secret = self._dealer_api_new_secret()
        return True

    def _dealer_api_event_types(self):
        self.ensure_one()
        return [code.strip() for code in (self.event_types or "").split(",") if code.strip()]

    @api.model
    def _dealer_api_deliveries_for(self, events):
        """Create the pending deliveries of ``events`` to the active subscriptions wanting them and
        wake the sending cron (after commit). One search and one create, whatever the number."""
        if not events:
            return self.env["dealer.api.webhook.delivery"]
        webhooks = self.sudo().search(
            [
                ("dealer_id", "in", [False, *events.dealer_id.ids]),
            ]
        )
        vals_list = []
        for webhook in webhooks:
            wanted = set(webhook._dealer_api_event_types())
            for event in events:
                if (
                    (not wanted or event.event_type in wanted)
                    and (not webhook.dealer_id or webhook.dealer_id == event.dealer_id)
                    and (not webhook.company_id or not event.company_id or webhook.company_id == event.company_id)
                ):
                    vals_list.append({"event_id": event.id, "webhook_id": webhook.id})
        deliveries = self.env["dealer.api.webhook.delivery"].sudo().create(vals_list)
        if deliveries:
            deliveries._dealer_api_wake_sender()
        return deliveries

    # ------------------------------------------------------------
    # THE API'S ANSWERS
    # ------------------------------------------------------------

    def _dealer_api_json(self, with_secret=False):
        self.ensure_one()
        answer = {
            "id": self.id,
            "url": self.url,
            "description": self.name,
            "events": self._dealer_api_event_types(),
            "active": self.active,
            "created_at": self.create_date.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if with_secret:
            answer["secret"] = self.sudo().secret
        return answer

    def action_open_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_api.dealer_api_webhook_delivery_action")
        action["domain"] = [("webhook_id", "=", self.id)]
        action["context"] = {"default_webhook_id": self.id}
        return action
