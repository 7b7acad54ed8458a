"""Channel inventory (dealer_channel_inventory): suggestions for every dealer and the channel view, on weekly stock
reports of every dealer.

``generate`` writes, set-based in SQL, 52 weekly stock reports of every active dealer carrying
``PRODUCTS_PER_DEALER`` products (s: 1.04M report lines, m: 10.4M, l: 20.8M), then builds the channel
stock once so that the channel view reads a filled table.
"""

import time

from bench.registry import bench_case

BENCH_MODULE = "dealer_channel_inventory"
PRODUCTS_PER_DEALER = 200
WEEKS = 52


def generate(env, size, rng):
    cr = env.cr
    started = time.monotonic()
    env.flush_all()
    cr.execute("SELECT setseed(%s)", [rng.random() * 2 - 1])
    cr.execute(
        """
        CREATE TEMP TABLE bench_dealer_product ON COMMIT DROP AS
        WITH dealers AS (
            SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM res_partner
             WHERE is_dealer AND active AND dealer_state = 'active'
        ), products AS (
            SELECT pp.id, ROW_NUMBER() OVER (ORDER BY pp.id) - 1 AS n, COUNT(*) OVER () AS total
              FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pt.default_code LIKE 'B-%%' OR pp.default_code LIKE 'B-%%'
        )
        SELECT d.id AS dealer_id, p.id AS product_id,
               5 + (random() * 40)::int AS weekly, (random() * 4)::numeric(6, 2) AS cover
          FROM dealers d
          JOIN products p ON (p.n - (d.n * 37) %% p.total + p.total) %% p.total < %s
        """,
        [PRODUCTS_PER_DEALER],
    )
    cr.execute(
        """
        INSERT INTO dealer_stock_report (
            name, dealer_id, company_id, period_type, period_start, period_end, source,
            create_uid, create_date, write_uid, write_date)
        SELECT p.dealer_code || ' bench-' || w, p.id, %s, 'week', monday, monday + 6, 'api',
               1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'
          FROM res_partner p
         CROSS JOIN generate_series(1, %s) AS w
         CROSS JOIN LATERAL (SELECT (date_trunc('week', CURRENT_DATE)::date - 7 * w) AS monday) m
         WHERE p.id IN (SELECT DISTINCT dealer_id FROM bench_dealer_product)
        """,
        [env.company.id, WEEKS],
    )
    # Bulk load: the table's indexes are rebuilt once after the insert, and the foreign keys (consistent by
    # construction) are not checked row by row.
    cr.execute(
        """
        SELECT indexname, indexdef FROM pg_indexes
         WHERE tablename = 'dealer_stock_report_line' AND indexname <> 'dealer_stock_report_line_pkey'
        """
    )
    indexes = cr.fetchall()
    constraints = {"dealer_stock_report_line_report_product_unique"}
    for name, _definition in indexes:
        if name in constraints:
            cr.execute(f'ALTER TABLE dealer_stock_report_line DROP CONSTRAINT "{name}"')
        else:
            cr.execute(f'DROP INDEX "{name}"')
    cr.execute("SET LOCAL session_replication_role = replica")
    # One line per report and product: sell-out around the product's weekly rate, stock around its cover.
    cr.execute(
        """
        INSERT INTO dealer_stock_report_line (
            report_id, dealer_id, company_id, period_type, period_start, period_end, product_id,
            onhand_qty, sold_qty, available_qty, has_available,
            create_uid, create_date, write_uid, write_date)
        SELECT r.id, r.dealer_id, r.company_id, 'week', r.period_start, r.period_end, dp.product_id,
               round((dp.weekly * dp.cover * (0.5 + random()))::numeric, 0),
               round((dp.weekly * (0.5 + random()))::numeric, 0), 0, FALSE,
               1, NOW() AT TIME ZONE 'UTC', 1, NOW() AT TIME ZONE 'UTC'
          FROM dealer_stock_report r
          JOIN bench_dealer_product dp ON dp.dealer_id = r.dealer_id
         WHERE r.name LIKE '%% bench-%%'
        """
    )
    lines = cr.rowcount
    cr.execute("SET LOCAL session_replication_role = origin")
    for name, definition in indexes:
        if name in constraints:
            cr.execute(f'ALTER TABLE dealer_stock_report_line ADD CONSTRAINT "{name}" UNIQUE (report_id, product_id)')
        else:
            cr.execute(definition)
    cr.execute("ANALYZE dealer_stock_report_line")
    env["dealer.channel.stock"]._refresh()
    from bench.datagen import log  # noqa: PLC0415 - needs Odoo configured first

    log(f"channel inventory: {lines} stock report lines in {time.monotonic() - started:.0f}s")


def _overview_setup(env):
    # The view of a manager: every dealer.
    return {"domain": []}


@bench_case(
    "suggested orders for every dealer: channel stock rebuilt from 52 weekly reports",
    sizes=("s", "m", "l"),
    repeat=1,
)
def channel_suggestions_all_dealers(env, ctx):
    env["dealer.channel.stock"]._refresh()


@bench_case(
    "channel view: stock and weeks of cover by region, at-risk and overstocked dealers",
    setup=_overview_setup,
    sizes=("s", "m", "l"),
)
def channel_view(env, ctx):
    env["dealer.channel.stock"]._get_channel_overview(ctx["domain"])


@bench_case("cover alerts for every dealer at risk (one per dealer, product and week)", sizes=("s",), repeat=1)
def channel_cover_alerts(env, ctx):
    env["dealer.cover.alert"]._generate()
