"""dealer_api: a page of the change feed at two sizes of the event history.

The feed reads from a cursor by an index range on (transaction id, id): a page after 200,000
events should cost what it costs after 1,000. The setup adds the history in one statement (with
ids of transactions that ended, so that the feed serves them) and analyses the table, as
autovacuum would have; the page read is the last one, where a brand's ERP polling the feed reads.
Odoo's native equivalent pages the same events by offset (search_read with offset and limit),
whose cost grows with the history.
"""

from odoo.tools import SQL

from bench.registry import SkipCase, bench_case

PAGE = 100
SMALL_HISTORY = 1_000
LARGE_HISTORY = 200_000


def _history(count):
    def setup(env):
        dealer = env["res.partner"].search([("is_dealer", "=", True)], limit=1, order="id")
        if not dealer:
            raise SkipCase("no dealer in the data: run `make data`")
        env.flush_all()
        env.cr.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        xmin = env.cr.fetchone()[0]
        # Ten events per transaction, the newest in the transaction just before the oldest running.
        env.cr.execute(
            SQL(
                """
                INSERT INTO dealer_api_event
                       (event_type, res_model, res_id, reference, dealer_id, payload, txid, create_date, write_date)
                SELECT 'order.confirmed', 'sale.order', n, 'BENCH-' || n, %(dealer)s,
                       jsonb_build_object('reference', 'BENCH-' || n, 'amount_total', n),
                       GREATEST(1, %(xmin)s - 1 - (%(count)s - n) / 10)::text::xid8,
                       now() at time zone 'UTC', now() at time zone 'UTC'
                  FROM generate_series(1, %(count)s) n
                """,
                dealer=dealer.id,
                xmin=xmin,
                count=count,
            )
        )
        env.cr.execute("ANALYZE dealer_api_event")
        Event = env["dealer.api.event"]
        env.cr.execute(
            SQL(
                "SELECT id, txid::text FROM dealer_api_event ORDER BY txid DESC, id DESC OFFSET %s LIMIT 1",
                PAGE,
            )
        )
        event_id, txid = env.cr.fetchone()
        env.cr.execute("SELECT count(*) FROM dealer_api_event")
        return {"cursor": Event._dealer_api_cursor(txid, event_id), "offset": env.cr.fetchone()[0] - PAGE}

    return setup


def _read_page(env, ctx):
    status, answer = env["dealer.api.call"]._dealer_api_feed({"params": {"cursor": ctx["cursor"], "limit": str(PAGE)}})
    if status != 200 or len(answer["events"]) != PAGE:
        raise RuntimeError(f"the feed answered {status} with {len(answer.get('events', []))} events")


def _native_offset_page(env, ctx):
    env["dealer.api.event"].search_read(
        [], ["event_type", "reference", "dealer_id", "payload"], order="id", offset=ctx["offset"], limit=PAGE
    )


@bench_case(
    f"feed page of {PAGE} events after {SMALL_HISTORY:,} events",
    native=_native_offset_page,
    setup=_history(SMALL_HISTORY),
    per_run=(PAGE, "events"),
)
def feed_page_small_history(env, ctx):
    _read_page(env, ctx)


@bench_case(
    f"feed page of {PAGE} events after {LARGE_HISTORY:,} events",
    native=_native_offset_page,
    setup=_history(LARGE_HISTORY),
    per_run=(PAGE, "events"),
)
def feed_page_large_history(env, ctx):
    _read_page(env, ctx)
