import json
from contextlib import contextmanager
from unittest.mock import patch

from odoo.addons.dealer_base.tests.common import DealerCase


class ApiCase(DealerCase):
    """Dealers A and B with a key each, an integration key reading catalogs, and a way to call the frame
    with an operation of the test's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Key = cls.env["dealer.api.key"]
        cls.key_a_record, cls.key_a = Key._generate(cls.dealer_a, "ERP A")
        cls.key_b_record, cls.key_b = Key._generate(cls.dealer_b, "ERP B")
        cls.integration_record, cls.integration_key = Key._generate_integration("Brand ERP", ["catalog:read"])
        cls.Call = cls.env["dealer.api.call"]

    @contextmanager
    def _operation(self, name, handler):
        """Make ``handler(request)`` the operation ``name`` of the frame for the duration of the block."""
        method = f"_dealer_api_{name}"
        with patch.object(type(self.Call), method, new=lambda _self, request: handler(request), create=True):
            yield

    def _process(
        self, key, *, method="POST", body=b"{}", headers=None, params=None, path="/dealer_api/v1/echo", **route
    ):
        """The frame's (status, answer, headers) of a call; body None stands for a body over the size cap."""
        if body is not None and not isinstance(body, bytes):
            body = json.dumps(body).encode()
        return self.Call.sudo()._process(
            key,
            {
                "method": method,
                "path": path,
                "route": dict({"operation": "echo", "method": method}, **route),
                "params": params or {},
                "headers": headers or {},
                "body": body,
                "ip_address": "127.0.0.1",
            },
        )
