"""Channel dashboard at a million order lines.

Run in a scratch database with the demo data (nothing is kept, the transaction is rolled back):

    python -m odoo shell -c odoo.conf -d DB --log-level=warn < bench/channel_dashboard.py

The demo order lines are copied up to one million rows, the summary is rebuilt from them, then
grown to ~300,000 rows over ten years, and the dashboard is timed on the default 12 months,
a region and the whole ten years.
"""

import time

from odoo.tools import SQL

LINES = 1_000_000


def run(env):
    cr = env.cr
    env.flush_all()
    cr.execute("SELECT count(*) FROM sale_order_line")
    copies = LINES // cr.fetchone()[0] + 1
    cr.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_name = 'sale_order_line' AND column_name <> 'id'"
    )
    columns = SQL(", ").join(SQL.identifier(name) for [name] in cr.fetchall())
    cr.execute(
        SQL(
            "INSERT INTO sale_order_line (%s) SELECT %s FROM sale_order_line, generate_series(1, %s)",
            columns,
            columns,
            copies,
        )
    )
    cr.execute("ANALYZE sale_order_line")
    summary = env["channel.sale.summary"]
    start = time.perf_counter()
    summary._refresh()
    print(f"refresh from {LINES:,}+ order lines: {time.perf_counter() - start:.2f} s")
    cr.execute(
        """
        INSERT INTO channel_sale_summary (month, dealer_id, region_id, level_id, user_id, product_id, categ_id,
                                          company_id, amount, qty, order_count, categ_order_count)
        SELECT (s.month - (g %% %s) * interval '1 month')::date, s.dealer_id, s.region_id, s.level_id,
               s.user_id, s.product_id, s.categ_id, s.company_id, s.amount, s.qty, s.order_count,
               s.categ_order_count
          FROM channel_sale_summary s, generate_series(1, 600) g
        """,
        [120],
    )
    cr.execute("ANALYZE channel_sale_summary")
    print(f"summary rows: {summary.search_count([]):,}")
    dashboard = env["channel.dashboard"]
    cases = {
        "12 months": {},
        "a region": {"region_id": env.ref("dealer_base.region_east").id},
        "10 years": {"date_from": "2017-01-01", "date_to": "2026-12-31"},
    }
    for name, filters in cases.items():
        start = time.perf_counter()
        dashboard.get_dashboard_data(filters)
        print(f"dashboard, {name}: {time.perf_counter() - start:.3f} s")
    cr.rollback()


if "env" in globals():
    run(globals()["env"])
