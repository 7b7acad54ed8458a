import json
import time
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from ..models.dealer_api_webhook_delivery import BACKOFF
from .common import ApiCase
from .webhook_receiver import WebhookReceiver, verify


class TestApiWebhook(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "1")
        cls.Webhook = cls.env["dealer.api.webhook"]
        cls.Delivery = cls.env["dealer.api.webhook.delivery"]
        cls.plain_user = new_test_user(cls.env, "t_plain_internal", groups="base.group_user")

    def setUp(self):
        super().setUp()
        self.receiver = WebhookReceiver()
        self.addCleanup(self.receiver.close)

    def _webhook(self, url=None, **vals):
        return self.Webhook.with_user(self.manager).create(
            dict({"name": "Brand ERP", "url": url or self.receiver.url}, **vals)
        )

    def _confirm(self, dealer):
        order = self._order(dealer)
        order.action_confirm()
        return order

    def _deliveries(self, webhook):
        return self.Delivery.search([("webhook_id", "=", webhook.id)], order="id")

    def test_signature_verifies_with_the_subscriptions_secret_only(self):
        webhook = self._webhook()
        order = self._confirm(self.dealer_a)
        delivery = self._deliveries(webhook)
        delivery._dealer_api_send()
        self.assertEqual((delivery.state, delivery.attempts, delivery.last_status), ("sent", 1, 200))
        [received] = self.receiver.requests
        headers, body = received["headers"], received["body"]
        self.assertTrue(webhook.secret.startswith("whsec_"))
        self.assertTrue(verify(webhook.secret, headers["X-Dealer-Signature"], body))
        self.assertFalse(verify(self.Webhook._dealer_api_new_secret(), headers["X-Dealer-Signature"], body))
        self.assertFalse(verify(webhook.secret, headers["X-Dealer-Signature"], body.replace(b"TA01", b"TB01")))
        event = json.loads(body)
        self.assertEqual(
            (headers["X-Dealer-Event"], headers["X-Dealer-Event-Id"]), ("order.confirmed", str(event["id"]))
        )
        self.assertEqual(event["object"], {"type": "order", "id": order.id, "reference": order.name})
        self.assertEqual(event["data"]["state"], "sale")

    def test_a_dead_receiver_never_blocks_confirmation_and_is_retried_later(self):
        webhook = self._webhook(WebhookReceiver.closed_url())
        with patch("requests.post", side_effect=AssertionError("sent within the confirmation")):
            order = self._confirm(self.dealer_a)
        self.assertEqual(order.state, "sale")
        delivery = self._deliveries(webhook)
        self.assertEqual((delivery.state, delivery.attempts), ("pending", 0))
        # The cron tries, fails, and plans the next attempt a minute later.
        self.Delivery._cron_send()
        self.assertEqual((delivery.state, delivery.attempts, delivery.last_status), ("pending", 1, 0))
        self.assertTrue(delivery.last_error)
        self.assertEqual(delivery.next_attempt_at - delivery.last_attempt_at, timedelta(minutes=1))
        self.Delivery._cron_send()
        self.assertEqual(delivery.attempts, 1, "not due yet")
        # The receiver is back when the minute has passed.
        webhook.url = self.receiver.url
        delivery.next_attempt_at = fields.Datetime.now()
        self.Delivery._cron_send()
        self.assertEqual((delivery.state, delivery.attempts, delivery.last_status), ("sent", 2, 200))
        self.assertEqual(len(self.receiver.requests), 1)

    def test_a_slow_receiver_is_cut_off_by_the_timeout(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_timeout", "0.5")
        slow = WebhookReceiver(delay=3)
        self.addCleanup(slow.close)
        webhook = self._webhook(slow.url)
        self._confirm(self.dealer_a)
        delivery = self._deliveries(webhook)
        started = time.monotonic()
        delivery._dealer_api_send()
        self.assertLess(time.monotonic() - started, 2.5)
        self.assertEqual((delivery.state, delivery.attempts), ("pending", 1))
        self.assertIn("timed out", delivery.last_error.lower())

    def test_failed_deliveries_are_retried_after_1_5_30_120_720_minutes_then_given_up(self):
        receiver = WebhookReceiver(status=503)
        self.addCleanup(receiver.close)
        webhook = self._webhook(receiver.url)
        self._confirm(self.dealer_a)
        delivery = self._deliveries(webhook)
        waits = []
        while delivery.state == "pending":
            delivery.next_attempt_at = fields.Datetime.now()
            self.Delivery._cron_send()
            if delivery.state == "pending":
                waits.append(delivery.next_attempt_at - delivery.last_attempt_at)
        self.assertEqual([wait.total_seconds() / 60 for wait in waits], [1, 5, 30, 120, 720])
        self.assertEqual(list(BACKOFF), waits)
        self.assertEqual((delivery.state, delivery.attempts, delivery.last_status), ("failed", 6, 503))
        self.assertEqual(len(receiver.requests), 6)

    def test_replay_sends_the_event_again_as_a_new_delivery(self):
        webhook = self._webhook()
        self._confirm(self.dealer_a)
        delivery = self._deliveries(webhook)
        delivery._dealer_api_send()
        with self.assertRaises(AccessError):
            delivery.with_user(self.sales_a)._dealer_api_replay()
        replay = delivery.with_user(self.manager)._dealer_api_replay()
        self.assertEqual((replay.state, replay.replay_of_id, replay.event_id), ("pending", delivery, delivery.event_id))
        self.Delivery._cron_send()
        self.assertEqual(replay.state, "sent")
        first, second = self.receiver.requests
        self.assertEqual(first["headers"]["X-Dealer-Event-Id"], second["headers"]["X-Dealer-Event-Id"])
        self.assertNotEqual(first["headers"]["X-Dealer-Delivery-Id"], second["headers"]["X-Dealer-Delivery-Id"])
        self.assertEqual(json.loads(first["body"]), json.loads(second["body"]))

    def test_a_dealers_webhook_never_receives_another_dealers_events(self):
        dealer_hook = self._webhook(dealer_id=self.dealer_a.id, company_id=False)
        brand_hook = self._webhook()
        shipped_only = self._webhook(event_types="order.shipped")
        order_a = self._confirm(self.dealer_a)
        order_b = self._confirm(self.dealer_b)
        self.assertEqual(self._deliveries(dealer_hook).event_id.mapped("res_id"), [order_a.id])
        self.assertEqual(
            sorted(self._deliveries(brand_hook).event_id.mapped("res_id")), sorted([order_a.id, order_b.id])
        )
        self.assertFalse(self._deliveries(shipped_only))
        self.Delivery._cron_send()
        bodies = [json.loads(request["body"]) for request in self.receiver.requests]
        self.assertEqual(sorted(body["dealer"]["code"] for body in bodies), ["TA01", "TA01", "TB01"])

    def test_an_archived_webhook_receives_nothing_more(self):
        webhook = self._webhook()
        self._confirm(self.dealer_a)
        webhook.active = False
        self._confirm(self.dealer_a)
        delivery = self._deliveries(webhook)
        self.assertEqual(len(delivery), 1)
        self.Delivery._cron_send()
        self.assertEqual((delivery.state, self.receiver.requests), ("failed", []))

    def test_urls_must_be_public_http_unless_private_addresses_are_allowed(self):
        Webhook = self.Webhook.with_user(self.manager)
        for url in ("ftp://example.com/x", "example.com/hook", "http://user:pw@93.184.216.34/", "http://"):
            with self.assertRaises(ValidationError, msg=url):
                self._webhook(url)
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "")
        for url in ("http://127.0.0.1:8069/x", "http://10.1.2.3/x", "http://[::1]/x", "http://localhost/x"):
            self.assertTrue(Webhook._dealer_api_url_error(url), url)
            with self.assertRaises(ValidationError, msg=url):
                self._webhook(url)
        self.assertFalse(Webhook._dealer_api_url_error("https://93.184.216.34/hook"))
        # A URL that became private is refused when sending too.
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "1")
        webhook = self._webhook()
        self._confirm(self.dealer_a)
        self.env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "")
        delivery = self._deliveries(webhook)
        delivery._dealer_api_send()
        self.assertEqual((delivery.state, self.receiver.requests), ("pending", []))
        self.assertIn("private", delivery.last_error)

    def test_only_dealer_managers_see_webhooks_deliveries_and_events(self):
        webhook = self._webhook()
        self._confirm(self.dealer_a)
        delivery = self._deliveries(webhook)
        for user in (self.portal_a, self.plain_user, self.sales_a):
            for records in (webhook, delivery, delivery.event_id):
                with self.assertRaises(AccessError, msg=f"{user.login} {records._name}"):
                    records.with_user(user).read(["create_date"])
            with self.assertRaises(AccessError):
                self.Webhook.with_user(user).create({"name": "x", "url": self.receiver.url})
        self.assertEqual(webhook.with_user(self.manager).read(["secret"])[0]["secret"], webhook.secret)
        self.assertEqual(delivery.with_user(self.manager).event_id.event_type, "order.confirmed")
