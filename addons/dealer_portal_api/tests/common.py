import json

from odoo.tools import mute_logger

from odoo.addons.dealer_portal.tests.common import DealerPortalCase

# What each operation of this module declares to the frame (controllers/orders.py).
ROUTES = {
    "order_create": ("POST", "/dealer_api/v1/orders", "orders:write"),
    "order_list": ("GET", "/dealer_api/v1/orders", "orders:read"),
    "order_get": ("GET", "/dealer_api/v1/orders/{order_id}", "orders:read"),
    "invoice_list": ("GET", "/dealer_api/v1/invoices", "orders:read"),
    "invoice_get": ("GET", "/dealer_api/v1/invoices/{invoice_id}", "orders:read"),
    "statement": ("GET", "/dealer_api/v1/statement", "orders:read"),
    "return_create": ("POST", "/dealer_api/v1/returns", "orders:write"),
    "return_list": ("GET", "/dealer_api/v1/returns", "orders:read"),
    "return_get": ("GET", "/dealer_api/v1/returns/{return_id}", "orders:read"),
}


class ApiOrdersCase(DealerPortalCase):
    """The portal's dealers A and B (their portal users are their administrators), a key for each, an
    integration key placing and reading orders and one reading catalogs only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Key = cls.env["dealer.api.key"]
        cls.key_a_record, cls.key_a = Key._generate(cls.dealer_a, "ERP A")
        cls.key_b = Key._generate(cls.dealer_b, "ERP B")[1]
        cls.orders_key = Key._generate_integration("Brand ERP", ["orders:read", "orders:write"])[1]
        cls.catalog_key = Key._generate_integration("Brand PIM", ["catalog:read"])[1]
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "100000")
        cls.dealer_a.credit_limit = 1000000.0
        cls.dealer_b.credit_limit = 1000000.0
        # The dealer's own portal user, given when the dealer was approved: its administrator.
        cls.admin_a = cls.env["res.users"].search([("partner_id", "=", cls.dealer_a.id), ("share", "=", True)])

    def _call(self, key, operation, *, body=None, params=None, idempotency_key=None, **path_params):
        """The frame's (status, answer) of a call of operation, as the controller makes it."""
        method, path, scope = ROUTES[operation]
        headers = {}
        if method != "GET":
            headers["Idempotency-Key"] = idempotency_key or f"test-{operation}-{self._next_key()}"
        status, answer, _headers = (
            self.env["dealer.api.call"]
            .sudo()
            ._process(
                key,
                {
                    "method": method,
                    "path": path.format(**path_params),
                    "operation": operation,
                    "route": {"operation": operation, "method": method, "scope": scope},
                    "params": params or {},
                    "path_params": path_params,
                    "headers": headers,
                    "body": json.dumps(body).encode() if method != "GET" else b"",
                    "ip_address": "127.0.0.1",
                },
            )
        )
        return status, answer

    _counter = 0

    @classmethod
    def _next_key(cls):
        cls._counter += 1
        return cls._counter

    def _place(self, key, lines, params=None, **body):
        return self._call(key, "order_create", body=dict(body, lines=lines), params=params)

    def _dealer_orders(self, dealer):
        return self.env["sale.order"].search([("partner_id", "child_of", dealer.id)])


class ApiHttpMixin:
    """For an HttpCase: calls of the API through its URLs, as a dealer's or the brand's system makes them."""

    def _send(self, method, path, key, body=None, *, headers=None, params=None):
        headers = dict(headers or {}, Authorization=f"Bearer {key}")
        if body is not None:
            headers["Content-Type"] = "application/json"
        with mute_logger("werkzeug"):
            return self.opener.request(
                method,
                self.base_url() + "/dealer_api/v1" + path,
                params=params,
                data=json.dumps(body).encode() if body is not None else None,
                headers=headers,
                timeout=60,
            )
