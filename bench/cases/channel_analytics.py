"""channel_analytics: the channel dashboard's data and the nightly early-warnings job."""

from dateutil.relativedelta import relativedelta

from odoo import fields

from bench.registry import bench_case

MANAGER_LOGIN = "bench_channel_manager"


def generate(env, size, rng):
    """A sales director (Dealer Manager) and the summaries the dashboard reads, built from the history."""
    env["res.users"].with_context(no_reset_password=True).create(
        {
            "name": "Channel Director",
            "login": MANAGER_LOGIN,
            "password": MANAGER_LOGIN,
            "groups_id": [
                (4, env.ref("dealer_base.group_dealer_manager").id),
                (4, env.ref("sales_team.group_sale_manager").id),
            ],
        }
    )
    env["channel.sale.summary"]._cron_refresh()


def _users_setup(env):
    return {
        "manager": env["res.users"].search([("login", "=", MANAGER_LOGIN)]),
        "salesperson": env["res.users"].search([("login", "=", "bench_sales_0_0")]),
    }


def _native_sales_report(env, ctx):
    """The same figures from Odoo's sale.report (a view over the order lines): totals and top dealers,
    the monthly trend against last year, top products and sales by team, over the last 12 months."""
    today = fields.Date.context_today(env["res.partner"])
    date_from = today.replace(day=1) - relativedelta(months=11)
    report = env["sale.report"].with_user(ctx["manager"])
    domain = [("state", "=", "sale"), ("date", ">=", date_from), ("date", "<", today + relativedelta(days=1))]
    last_year = [
        ("state", "=", "sale"),
        ("date", ">=", date_from - relativedelta(years=1)),
        ("date", "<", today - relativedelta(years=1, days=-1)),
    ]
    report._read_group(
        domain,
        ["partner_id"],
        ["price_subtotal:sum", "product_uom_qty:sum", "name:count_distinct"],
        order="price_subtotal:sum desc",
    )
    report._read_group(domain, ["date:month"], ["price_subtotal:sum"])
    report._read_group(last_year, ["date:month"], ["price_subtotal:sum"])
    report._read_group(domain, ["product_id"], ["price_subtotal:sum"], order="price_subtotal:sum desc", limit=10)
    report._read_group(domain, ["team_id"], ["price_subtotal:sum"])


def _dashboard(env, user):
    data = env["channel.dashboard"].with_user(user).get_dashboard_data({})
    if data.get("error") or not data["kpi"]["order_count"]:
        raise RuntimeError(f"the dashboard shows no sales: {data.get('error')}")
    return data


@bench_case(
    "channel dashboard data, last 12 months, sales director",
    native=_native_sales_report,
    setup=_users_setup,
    sizes=("s", "m", "l"),
    repeat=5,
)
def channel_dashboard_director(env, ctx):
    _dashboard(env, ctx["manager"])


@bench_case(
    "channel dashboard data, last 12 months, salesperson (rules)",
    setup=_users_setup,
    sizes=("s", "m", "l"),
    repeat=5,
)
def channel_dashboard_salesperson(env, ctx):
    _dashboard(env, ctx["salesperson"])


def _empty_summaries(env):
    env.cr.execute("DELETE FROM channel_sale_summary")
    env.cr.execute("DELETE FROM channel_sale_summary_dealer")
    env.cr.execute("DELETE FROM channel_sale_summary_product")
    env.cr.execute("DELETE FROM channel_payment_summary")


@bench_case(
    "channel summaries built from empty (first run, every row written)",
    setup=_empty_summaries,
    sizes=("s", "m", "l"),
    repeat=3,
)
def channel_summary_first_build(env, ctx):
    env["channel.sale.summary"]._cron_refresh()


@bench_case("channel summaries refreshed, history unchanged (nightly)", sizes=("s", "m", "l"), repeat=3)
def channel_summary_refresh(env, ctx):
    env["channel.sale.summary"]._cron_refresh()


@bench_case("early-warnings job: refresh + 4 rules + warnings and to-dos", sizes=("s", "m", "l"), repeat=3)
def channel_warnings_job(env, ctx):
    warnings = env["channel.warning"]._cron_run()
    if not warnings:
        raise RuntimeError("the early-warnings job raised no warning on the benchmark data")
