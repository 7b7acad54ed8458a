from odoo.tools import SQL

from ..controllers.feed import FEED
from .common import ApiCase


class TestApiFeed(ApiCase):
    """The feed's order, paging, filters and checks. The test's events get the ids of transactions
    that ended before it started (its own transaction is still running: its events are not served)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env["dealer.api.event"]
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "10000")
        cls.feed_record, cls.feed_key = cls.env["dealer.api.key"]._generate_integration("Brand BI", ["feed:read"])
        # The events of the demo data are left out (rolled back with the test).
        cls.env.cr.execute("DELETE FROM dealer_api_event")
        cls.env.cr.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        cls.xmin = cls.env.cr.fetchone()[0]
        cls.start = ""

    def _tx(self, n):
        """The id of the n-th of 50 transactions that ended before the test started."""
        self.assertLess(n, 50)
        return self.xmin - 50 + n

    def _emit(self, specs):
        """Events of (event type, dealer, transaction id), created in this order (ids ascending)."""
        events = self.Event.create(
            [
                {
                    "event_type": event_type,
                    "res_model": "sale.order",
                    "res_id": dealer.id,
                    "reference": dealer.name,
                    "dealer_id": dealer.id,
                    "payload": {"n": index},
                }
                for index, (event_type, dealer, _txid) in enumerate(specs)
            ]
        )
        self.env.flush_all()
        for event, (_type, _dealer, txid) in zip(events, specs, strict=True):
            self.env.cr.execute(SQL("UPDATE dealer_api_event SET txid = %s::xid8 WHERE id = %s", str(txid), event.id))
        return events

    def _feed(self, key=None, **params):
        return self.Call.sudo()._process(
            key or self.feed_key,
            {
                "method": "GET",
                "path": "/dealer_api/v1/feed",
                "route": FEED.route_values(),
                "params": {name: str(value) for name, value in params.items()},
                "headers": {},
                "body": b"",
                "ip_address": "127.0.0.1",
            },
        )

    def _read_all(self, cursor, limit=3, **params):
        """(events read page by page from cursor, the last next_cursor)."""
        events = []
        while True:
            status, answer, _headers = self._feed(cursor=cursor, limit=limit, **params)
            self.assertEqual(status, 200, answer)
            events += answer["events"]
            cursor = answer["next_cursor"]
            if not answer["has_more"]:
                return events, cursor

    def test_feed_serves_events_in_commit_order_by_pages_and_resumes_from_the_cursor(self):
        # The second event's transaction started first: it sorts first, whatever its id.
        events = self._emit(
            [
                ("order.confirmed", self.dealer_a, self._tx(5)),
                ("order.confirmed", self.dealer_b, self._tx(1)),
                ("order.held", self.dealer_a, self._tx(3)),
                ("invoice.posted", self.dealer_a, self._tx(3)),
                ("order.paid", self.dealer_b, self._tx(9)),
            ]
        )
        expected = [events[1].id, events[2].id, events[3].id, events[0].id, events[4].id]
        read, last = self._read_all(self.start, limit=2)
        self.assertEqual([event["id"] for event in read], expected)
        self.assertEqual(read[0]["type"], "order.confirmed")
        self.assertEqual(read[0]["dealer"], {"code": "TB01", "name": "Dealer B Trading"})
        self.assertEqual(read[1]["data"], {"n": 2})
        # Reading again from any cursor gives the same events; from the last one, nothing.
        again, _last = self._read_all(self.start, limit=4)
        self.assertEqual(again, read)
        status, answer, _headers = self._feed(cursor=last)
        self.assertEqual((status, answer["events"], answer["next_cursor"], answer["has_more"]), (200, [], last, False))
        # A later event is found from the last cursor.
        later = self._emit([("order.shipped", self.dealer_a, self._tx(10))])
        self.assertEqual([event["id"] for event in self._read_all(last)[0]], later.ids)

    def test_feed_orders_transaction_ids_as_numbers_not_as_text(self):
        events = self._emit([("order.confirmed", self.dealer_a, 10), ("order.confirmed", self.dealer_b, 9)])
        self.assertEqual([event["id"] for event in self._read_all(self.start)[0]], [events[1].id, events[0].id])

    def test_events_of_a_transaction_still_running_are_served_only_after_it_ended(self):
        self._emit([("order.confirmed", self.dealer_a, self._tx(1))])
        # Created by this (running) transaction: it may still commit before others.
        self.Event._dealer_api_emit("order.held", self._order(self.dealer_a))
        read, _last = self._read_all(self.start)
        self.assertEqual([event["type"] for event in read], ["order.confirmed"])

    def test_feed_filters_by_event_types_and_dealer(self):
        events = self._emit(
            [
                ("order.confirmed", self.dealer_a, self._tx(1)),
                ("order.confirmed", self.dealer_b, self._tx(2)),
                ("order.paid", self.dealer_a, self._tx(3)),
                ("payment.received", self.dealer_b, self._tx(4)),
            ]
        )
        read = self._read_all(self.start, types="order.paid,payment.received")[0]
        self.assertEqual([event["id"] for event in read], events[2:].ids)
        read = self._read_all(self.start, dealer="TB01")[0]
        self.assertEqual([event["id"] for event in read], (events[1] | events[3]).ids)

    def test_a_feed_page_takes_the_same_queries_whatever_the_history(self):
        self._emit([("order.confirmed", self.dealer_a, self._tx(1 + i)) for i in range(5)])
        cursor = self._read_all(self.start, limit=2)[1]
        self._emit([("order.confirmed", self.dealer_b, self._tx(10 + i)) for i in range(5)])
        request = {"params": {"cursor": cursor, "limit": "3"}}
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            status, small = self.Call._dealer_api_feed(request)
        self._emit([("order.confirmed", self.dealer_a, self._tx(20 + i % 10)) for i in range(300)])
        self.env.invalidate_all()
        with self.assertQueryCount(3):
            status, large = self.Call._dealer_api_feed(request)
        self.assertEqual((status, large["events"], large["has_more"]), (200, small["events"], True))
        self.env.invalidate_all()
        with self.assertQueryCount(4):  # the dealer named
            self.Call._dealer_api_feed({"params": {"cursor": cursor, "limit": "3", "dealer": "TB01"}})

    def test_feed_refuses_a_bad_cursor_limit_type_or_dealer(self):
        for params, status, error in (
            ({"cursor": "not-a-cursor"}, 400, "invalid_cursor"),
            ({"cursor": "MTIzLjQ1Ng=="[:-2] + "x"}, 400, "invalid_cursor"),
            ({"limit": "0"}, 400, "invalid_parameter"),
            ({"limit": "501"}, 400, "invalid_parameter"),
            ({"limit": "ten"}, 400, "invalid_parameter"),
            ({"types": "order.confirmed,order.eaten"}, 400, "invalid_parameter"),
            ({"dealer": "NOPE"}, 404, "unknown_dealer"),
        ):
            answer = self._feed(**params)
            self.assertEqual((answer[0], answer[1]["error"]), (status, error), params)

    def test_feed_needs_an_integration_key_with_the_feed_scope(self):
        status, answer, _headers = self._feed(self.integration_key)
        self.assertEqual((status, answer["error"], answer["scope"]), (403, "missing_scope", "feed:read"))
        status, answer, _headers = self._feed(self.key_a)
        self.assertEqual((status, answer["error"]), (403, "wrong_key_type"))
        self.assertEqual(self._feed()[0], 200)
        self.feed_record.action_revoke()
        self.assertEqual(self._feed()[0], 401)
