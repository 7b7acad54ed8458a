import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..tools.openapi import API_PREFIX
from .common import ApiCase


@tagged("post_install", "-at_install")
class TestApiWebhookEndpoints(HttpCase, ApiCase):
    """A dealer's system registers, lists and deletes its webhooks; the brand's systems read the feed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "1000")
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "1")
        cls.feed_key = cls.env["dealer.api.key"]._generate_integration("Brand BI", ["feed:read"])[1]
        cls.counter = 0

    def _call(self, method, path, key, body=None, params=None):
        type(self).counter += 1
        headers = {"Authorization": f"Bearer {key}", "Idempotency-Key": f"test-{self.counter}"}
        data = json.dumps(body).encode() if body is not None else None
        with mute_logger("werkzeug"):
            return self.opener.request(
                method, self.base_url() + API_PREFIX + path, data=data, params=params, headers=headers, timeout=60
            )

    def _create(self, key, **body):
        return self._call("POST", "/webhooks", key, dict({"url": "http://127.0.0.1:9/hook"}, **body))

    def test_a_dealer_registers_lists_and_deletes_its_own_webhooks(self):
        response = self._create(self.key_a, events=["order.shipped", "order.paid"], description="Our ERP")
        self.assertEqual(response.status_code, 200, response.text)
        created = response.json()["webhook"]
        self.assertTrue(created["secret"].startswith("whsec_"))
        self.assertEqual((created["events"], created["description"]), (["order.shipped", "order.paid"], "Our ERP"))
        webhook = self.env["dealer.api.webhook"].browse(created["id"])
        self.assertEqual((webhook.dealer_id, webhook.key_id), (self.dealer_a, self.key_a_record))
        self.assertEqual(webhook.secret, created["secret"])

        listed = self._call("GET", "/webhooks", self.key_a).json()["webhooks"]
        self.assertEqual([hook["id"] for hook in listed], [created["id"]])
        self.assertNotIn("secret", listed[0])
        self.assertEqual(self._call("GET", "/webhooks", self.key_b).json()["webhooks"], [])

        response = self._call("DELETE", f"/webhooks/{created['id']}", self.key_a)
        self.assertEqual(response.json(), {"status": "ok", "id": created["id"], "active": False})
        self.assertFalse(webhook.active)
        self.assertEqual(self._call("GET", "/webhooks", self.key_a).json()["webhooks"], [])
        self.assertEqual(self._call("DELETE", f"/webhooks/{created['id']}", self.key_a).status_code, 404)

    def test_another_dealers_webhook_ids_answer_404(self):
        hook_a = self._create(self.key_a).json()["webhook"]["id"]
        brand_hook = self.env["dealer.api.webhook"].create({"name": "Brand", "url": "http://127.0.0.1:9/brand"})
        for webhook_id in (hook_a, brand_hook.id, 999999999):
            response = self._call("DELETE", f"/webhooks/{webhook_id}", self.key_b)
            self.assertEqual((response.status_code, response.json()["error"]), (404, "not_found"), webhook_id)
        self.assertTrue(self.env["dealer.api.webhook"].browse(hook_a).active)
        self.assertTrue(brand_hook.active)

    def test_a_bad_webhook_is_refused_with_every_reason_and_nothing_saved(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "")
        for body, fields in (
            ({"url": "ftp://example.com/x", "events": ["order.eaten"]}, ["url", "events"]),
            ({"url": "http://127.0.0.1:8069/web"}, ["url"]),
            ({"url": ["x"], "events": "order.paid", "description": 3}, ["url", "events", "description"]),
            ({}, ["url"]),
        ):
            response = self._call("POST", "/webhooks", self.key_a, body)
            self.assertEqual((response.status_code, response.json()["error"]), (422, "invalid_webhook"), body)
            self.assertEqual([error["field"] for error in response.json()["errors"]], fields)
        self.assertFalse(self.env["dealer.api.webhook"].search([("dealer_id", "=", self.dealer_a.id)]))

    def test_webhook_endpoints_take_dealer_keys_only(self):
        for method, path in (("GET", "/webhooks"), ("POST", "/webhooks"), ("DELETE", "/webhooks/1")):
            response = self._call(
                method, path, self.feed_key, {"url": "http://127.0.0.1:9/x"} if method == "POST" else None
            )
            self.assertEqual((response.status_code, response.json()["error"]), (403, "wrong_key_type"), path)
            self.assertEqual(self._call(method, path, "dk_nope").status_code, 401)

    def test_the_feed_takes_an_integration_key_with_its_scope(self):
        response = self._call("GET", "/feed", self.feed_key, params={"limit": "5"})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(set(response.json()), {"status", "events", "next_cursor", "has_more"})
        for key, error in ((self.integration_key, "missing_scope"), (self.key_a, "wrong_key_type")):
            response = self._call("GET", "/feed", key)
            self.assertEqual((response.status_code, response.json()["error"]), (403, error))
        response = self._call("GET", "/feed", self.feed_key, params={"cursor": "%%%"})
        self.assertEqual((response.status_code, response.json()["error"]), (400, "invalid_cursor"))
