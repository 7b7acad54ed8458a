import threading
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name

from odoo.addons.dealer_base.tests.concurrency import run_committed, run_concurrently

from ..controllers.feed import FEED

WRITERS = 4
EVENTS_PER_WRITER = 5


@tagged("post_install", "-at_install")
class TestApiFeedConcurrency(BaseCase):
    """The feed under concurrent writers, each in its own committed transaction: an event that a
    transaction emits first but commits last is not skipped, nothing is served twice, and reading
    again from the start gives the same sequence.

    Not a TransactionCase: a transaction of the test's own left open would be one the feed waits
    for (it serves no event of a transaction younger than the oldest one running).
    """

    def setUp(self):
        super().setUp()
        self.dbname = get_db_name()

        def prepare(env):
            dealer = env["res.partner"].create(
                {"name": "Feed Race Dealer", "is_company": True, "is_dealer": True, "dealer_code": "FEED-RACE"}
            )
            key = env["dealer.api.key"]._generate_integration("Feed race", ["feed:read"])
            return dealer.id, key[0].id, key[1]

        self.dealer_id, key_id, self.key = run_committed(self.dbname, prepare)
        self.addCleanup(run_committed, self.dbname, lambda env: self._cleanup(env, key_id))

    def _cleanup(self, env, key_id):
        env["dealer.api.call"].search([("key_id", "=", key_id)]).unlink()
        env["dealer.api.key"].browse(key_id).unlink()
        env["dealer.api.event"].search([("dealer_id", "=", self.dealer_id)]).unlink()
        env["res.partner"].browse(self.dealer_id).unlink()

    def _emit(self, env, tag):
        event = env["dealer.api.event"].create(
            {
                "event_type": "order.confirmed",
                "res_model": "sale.order",
                "res_id": 1,
                "reference": tag,
                "dealer_id": self.dealer_id,
            }
        )
        env.flush_all()
        return event.id

    def _page(self, cursor, limit=3):
        """One page of the dealer's feed, read in a transaction of its own (as a request would)."""
        with odoo.sql_db.db_connect(self.dbname).cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            status, answer, _headers = env["dealer.api.call"]._process(
                self.key,
                {
                    "method": "GET",
                    "path": "/dealer_api/v1/feed",
                    "route": FEED.route_values(),
                    "params": {"cursor": cursor, "limit": str(limit), "dealer": "FEED-RACE"},
                    "headers": {},
                    "body": b"",
                    "ip_address": "127.0.0.1",
                },
            )
            cr.rollback()
        self.assertEqual(status, 200, answer)
        return answer

    def _wait_until_ended_before(self, txid, timeout=600):
        """Wait until every transaction of the cluster older than ``txid`` has ended.

        The snapshot's horizon is the cluster's: a transaction of another database on the same
        server (a test run in parallel, a long installation) holds the feed back as well."""
        deadline = time.monotonic() + timeout
        while True:
            with odoo.sql_db.db_connect(self.dbname).cursor() as cr:
                cr.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
                if cr.fetchone()[0] > txid:
                    return
            self.assertLess(time.monotonic(), deadline, "a transaction of the server never ended")
            time.sleep(0.2)

    def _read_all(self, cursor=""):
        ids = []
        while True:
            answer = self._page(cursor)
            ids += [event["id"] for event in answer["events"]]
            cursor = answer["next_cursor"]
            if not answer["has_more"]:
                return ids, cursor

    def test_an_event_emitted_first_but_committed_last_is_not_skipped(self):
        with odoo.sql_db.db_connect(self.dbname).cursor() as slow_cr:
            slow_env = api.Environment(slow_cr, SUPERUSER_ID, {})
            # The slow transaction starts writing first (it gets the older transaction id)...
            slow_cr.execute("SELECT pg_current_xact_id()::text::bigint")
            slow_txid = slow_cr.fetchone()[0]
            # ... another emits and commits meanwhile...
            fast_id = run_committed(self.dbname, lambda env: self._emit(env, "fast"))
            # ... the slow one emits last (a higher id) and has not committed.
            slow_id = self._emit(slow_env, "slow")
            self.assertGreater(slow_id, fast_id)
            served, cursor = self._read_all()
            # The fast event waits: the slow transaction could still commit an event before it.
            self.assertEqual((served, cursor), ([], ""))
            slow_cr.commit()
        self._wait_until_ended_before(slow_txid)
        served, cursor = self._read_all(cursor)
        self.assertEqual(served, [slow_id, fast_id])
        self.assertEqual(self._read_all(cursor)[0], [])
        self.assertEqual(self._read_all()[0], served)

    def test_a_reader_following_concurrent_writers_misses_and_repeats_nothing(self):
        done = threading.Event()
        expected = WRITERS * EVENTS_PER_WRITER

        def writer(index):
            def write(env):
                ids = []
                for number in range(EVENTS_PER_WRITER):
                    ids.append(self._emit(env, f"w{index}-{number}"))
                    time.sleep(0.01 * (WRITERS - index))
                return ids

            return write

        def reader(_env):
            served, cursor = [], ""
            # Long enough for a transaction of another database on the server to end (see above).
            deadline = time.monotonic() + 600
            while len(served) < expected and time.monotonic() < deadline:
                answer = self._page(cursor, limit=2)
                served += [event["id"] for event in answer["events"]]
                cursor = answer["next_cursor"]
                if not answer["events"]:
                    time.sleep(0.005)
            done.set()
            return served

        results = run_concurrently(self.dbname, [*(writer(index) for index in range(WRITERS)), reader], commit=True)
        self.assertTrue(all(result.ok for result in results), [result.error for result in results])
        written = [event_id for result in results[:WRITERS] for event_id in result.result]
        served = results[WRITERS].result
        self.assertEqual(len(served), len(set(served)), "an event was served twice")
        self.assertEqual(sorted(served), sorted(written), "an event was missed")
        self.assertEqual(self._read_all()[0], served)
