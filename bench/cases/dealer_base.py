"""dealer_base: what dealer data costs a salesperson compared with native Odoo."""

import datetime

from odoo import Command

from bench.registry import bench_case

LIST_FIELDS = ["name", "dealer_code", "dealer_level_id", "dealer_region_id", "user_id", "dealer_state"]
NATIVE_LIST_FIELDS = ["name", "ref", "state_id", "city", "user_id", "email"]


def _region_setup(env):
    region = env["dealer.region"].search([("code", "=", "B-R0")])
    provinces = region.child_ids
    states = env["res.country.state"].search([("name", "in", provinces.mapped("name")), ("country_id.code", "=", "CN")])
    return {
        "region": region,
        "states": states,
        "salesperson": env["res.users"].search([("login", "=", "bench_sales_0_0")]),
        "native_user": env["res.users"].search([("login", "=", "bench_native_sales")]),
    }


def _native_partner_search(env, ctx):
    partners = env["res.partner"].with_user(ctx["native_user"])
    domain = [("is_company", "=", True), ("state_id", "in", ctx["states"].ids)]
    partners.search_read(domain, NATIVE_LIST_FIELDS, limit=80, order="name")
    partners.search_count(domain)


@bench_case(
    "dealer list by region, salesperson with record rules",
    native=_native_partner_search,
    setup=_region_setup,
    sizes=("s", "m", "l"),
    repeat=7,
)
def dealer_list_by_region(env, ctx):
    partners = env["res.partner"].with_user(ctx["salesperson"])
    domain = [("is_dealer", "=", True), ("dealer_region_id", "child_of", ctx["region"].id)]
    partners.search_read(domain, LIST_FIELDS, limit=80, order="name")
    partners.search_count(domain)


def _native_sales_by_customer(env, ctx):
    since = datetime.date.today() - datetime.timedelta(days=365)
    env["sale.order"].with_user(ctx["native_user"])._read_group(
        [("state", "=", "sale"), ("date_order", ">=", since), ("partner_id.state_id", "in", ctx["states"].ids)],
        ["partner_id"],
        ["amount_total:sum"],
    )


@bench_case(
    "dealer ranking of a region over 12 months (read_group)",
    native=_native_sales_by_customer,
    setup=_region_setup,
    sizes=("s", "m", "l"),
    repeat=5,
)
def dealer_ranking_by_region(env, ctx):
    since = datetime.date.today() - datetime.timedelta(days=365)
    env["sale.order"].with_user(ctx["salesperson"])._read_group(
        [
            ("state", "=", "sale"),
            ("date_order", ">=", since),
            ("partner_id.dealer_region_id", "child_of", ctx["region"].id),
        ],
        ["partner_id"],
        ["amount_total:sum"],
    )


def _orders_setup(env):
    products = env["product.product"].search([("default_code", "=like", "B-%")], limit=50, order="id")
    # A dealer in good standing: with overdue invoices, credit control (when
    # installed) would hold the order instead of confirming it.
    overdue = env["account.move.line"]._read_group(
        [
            ("account_type", "=", "asset_receivable"),
            ("parent_state", "=", "posted"),
            ("reconciled", "=", False),
            ("date_maturity", "<", datetime.date.today()),
        ],
        ["partner_id"],
    )
    dealer = env["res.partner"].search(
        [
            ("is_dealer", "=", True),
            ("dealer_state", "=", "active"),
            ("id", "not in", [partner.commercial_partner_id.id for (partner,) in overdue]),
        ],
        limit=1,
    )
    customer = env["res.partner"].search([("is_dealer", "=", False), ("name", "like", "零售客户")], limit=1)

    def quotation(partner):
        return env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 5}) for p in products],
            }
        )

    return {"order": quotation(dealer), "native_order": quotation(customer)}


def _native_confirm(env, ctx):
    ctx["native_order"].action_confirm()


@bench_case(
    "confirm a 50-line order of an active dealer",
    native=_native_confirm,
    setup=_orders_setup,
    sizes=("s", "m", "l"),
    repeat=5,
)
def confirm_dealer_order(env, ctx):
    ctx["order"].action_confirm()
    if ctx["order"].state != "sale":
        raise RuntimeError(f"the benchmark order was not confirmed (state {ctx['order'].state})")
