import json

import psycopg2.errors

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import ConcurrentCase, run_committed, run_concurrently
from odoo.addons.dealer_channel_inventory.controllers.api import STOCK_REPORTS_WRITE
from odoo.addons.dealer_channel_inventory.tools.channel_math import last_closed_period, period_label

MARKER = "hx-channel-concurrency"


@tagged("post_install", "-at_install")
class TestChannelConcurrency(ConcurrentCase):
    """Two transactions at the same moment: still one alert, still one application of a request."""

    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname

        def stock_and_key(dealer, product, _user):
            dealer.env["dealer.channel.stock"].create(
                {
                    "dealer_id": dealer.id,
                    "product_id": product.id,
                    "status": "at_risk",
                    "channel_qty": 1,
                    "weekly_sellout": 10,
                    "cover_weeks": 0.1,
                    "min_weeks": 2,
                }
            )
            return dealer.env["dealer.api.key"]._generate(dealer, MARKER)[1]

        self.key = self.committed_dealer(
            "HX-CC-1",
            name=f"{MARKER} dealer",
            dealer_level_id=self.env["dealer.level"].search([], limit=1).id,
            product={"name": f"{MARKER} product", "default_code": "HX-CC-P", "type": "consu"},
            prepare=stock_and_key,
        )
        self.addCleanup(self.committed, self._cleanup)

    def _cleanup(self, env):
        dealer = env["res.partner"].browse(self.dealer_id)
        env["dealer.api.call"].search([("dealer_id", "=", dealer.id)]).unlink()
        env["dealer.stock.report"].search([("dealer_id", "=", dealer.id)]).unlink()
        env["dealer.cover.alert"].search([("dealer_id", "=", dealer.id)]).unlink()
        env["dealer.channel.stock"].search([("dealer_id", "=", dealer.id)]).unlink()
        env["dealer.api.key"].with_context(active_test=False).search([("dealer_id", "=", dealer.id)]).unlink()

    def _assert_one_won(self, results):
        failed = [r for r in results if not r.ok]
        self.assertTrue(all(isinstance(r.error, psycopg2.errors.SerializationFailure) for r in failed), failed)
        winners = [r for r in results if r.ok and r.result not in (0, (200, "true"))]
        self.assertEqual(len(winners), 1, results)
        return winners[0]

    def test_concurrent_alert_runs_create_one_alert(self):
        def generate(env):
            return len(env["dealer.cover.alert"]._generate(dealers=env["res.partner"].browse(self.dealer_id)))

        results = run_concurrently(self.dbname, [generate, generate])
        # The loser waits for the winner, then either finds its alert or fails to serialize (Odoo retries
        # the job or request then); never a second alert.
        self._assert_one_won(results)
        self.assertEqual(run_committed(self.dbname, generate), 0)
        count = run_committed(
            self.dbname, lambda env: env["dealer.cover.alert"].search_count([("dealer_id", "=", self.dealer_id)])
        )
        self.assertEqual(count, 1)

    def test_concurrent_replays_of_a_request_apply_it_once(self):
        week = period_label("week", last_closed_period("week", fields.Date.context_today(self.env.user))[0])
        body = json.dumps(
            {"request_id": "same-1", "period": week, "lines": [{"sku": "HX-CC-P", "on_hand": 5, "sold": 1}]}
        ).encode()

        def call(env):
            status, _answer, headers = env["dealer.api.call"]._process(
                self.key,
                {
                    "method": "POST",
                    "path": "/dealer_api/v1/stock_reports",
                    "route": STOCK_REPORTS_WRITE.route_values(),
                    "params": {},
                    "body": body,
                    "ip_address": "127.0.0.1",
                },
            )
            return status, headers.get("Idempotent-Replay")

        results = run_concurrently(self.dbname, [call, call])
        # The key's row serialises the calls: the second waits, then replays the first answer or fails to
        # serialize, and Odoo retries the request, which then replays.
        winner = self._assert_one_won(results)
        self.assertEqual(winner.result, (200, None))
        self.assertEqual(run_committed(self.dbname, call), (200, "true"))
        lines = run_committed(
            self.dbname,
            lambda env: env["dealer.stock.report.line"].search_count([("dealer_id", "=", self.dealer_id)]),
        )
        self.assertEqual(lines, 1)
