"""``python -m bench.load prepare|check``: the database side of ``make load`` (runs with Odoo, in the project's venv).

prepare: the accounts the load test logs in with (the dealers' portal logins of
the benchmark data, made if missing; or the demo database's), each dealer's
orderable product codes, and a snapshot of the database before the run.

check: after the run, the invariants against the database (credit, deposit,
double submits, lost orders, prices), merged with locust's figures into the
results file; exits non-zero on a violated invariant or a server error.
"""

import argparse
import json
import os
import re
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEARCH_WORDS = ["电饭煲", "吸尘器", "空气炸锅", "B-00", "净水器"]


def _env(config, dbname):
    odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(dbname)
    return registry.cursor(), registry


def _dealer_snapshot(env, dealers):
    company = env.company
    dealers = dealers.with_company(company)
    return {
        str(dealer.id): {
            "credit_used": dealer.dealer_credit_used,
            "credit_limit": dealer.dealer_credit_limit_total,
            "deposit": dealer.dealer_deposit_balance,
        }
        for dealer in dealers
    }


def _orderable_codes(env, dealer, count=20):
    products = env["product.product"].search(
        [("sale_ok", "=", True), ("default_code", "!=", False), *dealer._dealer_portal_authorised_domain()],
        limit=count * 3,
        order="default_code",
    )
    products -= dealer._dealer_get_unauthorised(products)
    return products[:count].mapped("default_code")


def command_prepare(args):
    cr, _registry = _env(args.config, args.db)
    with cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        bench_size = env["ir.config_parameter"].get_param("dealer_bench.size")
        if bench_size:
            from bench import datagen  # noqa: PLC0415 - needs Odoo configured first

            logins = datagen.create_portal_logins(env)
            cr.commit()
            users = env["res.users"].search([("login", "in", logins["dealers"])])
            customer_users = env["res.users"].search([("login", "in", logins["customers"])])
            password = datagen.PORTAL_PASSWORD
            brand = [{"login": "admin", "password": "admin"}]
            brand += [{"login": login, "password": login} for login in ("bench_sales_0_0", "bench_sales_1_0")]
        else:  # the demo database: its portal users' logins are their passwords
            users = env["res.users"].search([("login", "=like", "dealer_%"), ("share", "=", True)])
            customer_users = env["res.users"].search(
                [("share", "=", True), ("partner_id.dealer_id", "=", False), ("login", "!=", "public")], limit=5
            )
            password = None
            brand = [{"login": "admin", "password": "admin"}, {"login": "sales_east", "password": "sales_east"}]
        customers_out = [{"login": u.login, "password": password or u.login} for u in customer_users]
        dealers_out = []
        for user in users.sorted("login"):
            dealer = user.partner_id.dealer_id
            if not dealer or dealer.dealer_state != "active":
                continue
            dealer = dealer.with_company(env.company)
            dealers_out.append(
                {
                    "login": user.login,
                    "password": password or user.login,
                    "dealer_id": dealer.id,
                    "deposit": dealer.dealer_deposit_balance > 0,
                    "codes": _orderable_codes(env, dealer),
                }
            )
        if not dealers_out:
            sys.exit(f"no dealer login in {args.db}: make data SIZE=s (or the demo database of make run)")
        dealers = env["res.partner"].browse([d["dealer_id"] for d in dealers_out])
        # Carts are orders too, made before the run or during it: the run's orders are those submitted after now.
        cr.execute("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')")
        snapshot = {
            "db": args.db,
            "size": bench_size or "demo",
            "submitted_after": cr.fetchone()[0],
            "dealers": _dealer_snapshot(env, dealers),
            "prepared_at": time.time(),
        }
        cr.rollback()
    with open(args.accounts, "w", encoding="utf-8") as stream:
        json.dump(
            {"db": args.db, "dealers": dealers_out, "customers": customers_out, "brand": brand, "words": SEARCH_WORDS},
            stream,
            ensure_ascii=False,
            indent=1,
        )
    with open(args.snapshot, "w", encoding="utf-8") as stream:
        json.dump(snapshot, stream, indent=1)
    print(f"[load] {len(dealers_out)} dealer, {len(customers_out)} customer and {len(brand)} brand logins in {args.db}")


# ------------------------------------------------------------
# INVARIANTS
# ------------------------------------------------------------


def check_prices(env, orders):
    """Every line as Odoo's price list engine prices it for the dealer at the order date."""
    digits = env["decimal.precision"].precision_get("Product Price")
    found = []
    for order in orders:
        pricelist = order.pricelist_id
        for line in order.order_line:
            if line.display_type or not line.product_id or line.is_reward_line or line.is_downpayment:
                continue
            expected = pricelist._get_product_price(
                line.product_id.with_context(**line._get_product_price_context()),
                line.product_uom_qty or 1.0,
                uom=line.product_uom,
                date=order.date_order,
                currency=order.currency_id,
            )
            effective = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            if odoo.tools.float_compare(effective, expected, precision_digits=digits):
                found.append(
                    f"{order.name} line {line.id} ({line.product_id.default_code} x {line.product_uom_qty:g}): "
                    f"{effective:.4f}, the price list gives {expected:.4f}"
                )
    return found


def check_invariants(env, snapshot, journal):
    """{invariant: list of violations} after the run."""
    company = env.company
    dealer_ids = [int(i) for i in snapshot["dealers"]]
    dealers = env["res.partner"].browse(dealer_ids).with_company(company)
    env.invalidate_all()
    after = _dealer_snapshot(env, dealers)
    problems = {"credit": [], "deposit": [], "double submit": [], "lost order": [], "price": []}
    currency = company.currency_id

    # Credit: no dealer taken over its limit by the run (dealer_credit's own exposure: receivable + uninvoiced).
    for dealer_id, now in after.items():
        before = snapshot["dealers"][dealer_id]
        over = currency.compare_amounts(now["credit_used"], now["credit_limit"]) > 0
        if now["credit_limit"] and over and currency.compare_amounts(now["credit_used"], before["credit_used"]) > 0:
            problems["credit"].append(
                f"dealer {dealer_id}: exposure {before['credit_used']:.2f} -> {now['credit_used']:.2f}, "
                f"limit {now['credit_limit']:.2f}"
            )
    # Deposit: never negative, for any dealer.
    env.cr.execute(
        "SELECT partner_id, SUM(amount) FROM dealer_deposit_move WHERE company_id = %s GROUP BY partner_id"
        " HAVING SUM(amount) < -0.005",
        [company.id],
    )
    for partner_id, balance in env.cr.fetchall():
        problems["deposit"].append(f"dealer {partner_id}: deposit balance {balance:.2f}")

    # The orders the run placed: orders of the load's dealers submitted after the snapshot.
    Order = env["sale.order"].with_context(active_test=False)
    placed = Order.search(
        [
            ("partner_id.commercial_partner_id", "in", dealer_ids),
            ("dealer_submitted_date", ">=", snapshot["submitted_after"]),
        ]
    )
    seen = {entry["order_id"] for entry in journal.get("checkouts", [])}
    # Double submits: both answers name one and the same order; one order per checkout form in the database.
    for entry in journal.get("double_submits", []):
        ids = {order_id for order_id in entry["orders"] if order_id}
        if len(ids) > 1:
            problems["double submit"].append(f"{entry['login']}: one form placed orders {sorted(ids)}")
    env.cr.execute(
        "SELECT dealer_submit_key, array_agg(id ORDER BY id) FROM sale_order WHERE id = ANY(%s)"
        " AND dealer_submit_key IS NOT NULL GROUP BY dealer_submit_key HAVING COUNT(*) > 1",
        [placed.ids],
    )
    for key, ids in env.cr.fetchall():
        problems["double submit"].append(f"submit key {key}: orders {ids}")
    # Lost orders: every checkout the dealers saw succeed exists, and the counts match.
    existing = set(Order.browse(list(seen)).exists().ids)
    for order_id in sorted(seen - existing):
        problems["lost order"].append(f"order {order_id} was shown to the dealer but does not exist")
    not_submitted = Order.browse(sorted(existing)).filtered(lambda o: not o.dealer_submitted_date)
    for order in not_submitted:
        problems["lost order"].append(f"order {order.id} was shown as placed but is not submitted")
    if len(placed) != len(seen):
        unseen = sorted(set(placed.ids) - seen)
        problems["lost order"].append(
            f"{len(placed)} orders placed in the database, {len(seen)} seen placed by the dealers"
            + (f" (not seen: {unseen[:20]})" if unseen else "")
        )
    problems["price"] = check_prices(env, placed)
    states = {}
    for order in placed:
        key = f"{order.state}/{order.dealer_review_state or '-'}/{order.dealer_payment_method or '-'}"
        states[key] = states.get(key, 0) + 1
    return problems, {"orders_placed": len(placed), "order_states": states, "lines": len(placed.order_line)}


# The month-end targets (issue #22), p95 in ms: reported, never turned into a pass or a fail.
TARGETS_P95_MS = {"dealer home": 500, "catalog page": 500, "catalog search": 500, "checkout submit": 2000}


def percentile(sorted_values, share):
    """The nearest-rank percentile of an ascending list (``share`` in 0..1)."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * share // 1))  # ceil(n * share), at least the first
    return sorted_values[int(rank) - 1]


def steady_state(journal, warmup):
    """The figures of each page from ``warmup`` seconds after the last user started to the end.

    Users start at LOAD_SPAWN_RATE a second and each one logs in first (a PBKDF2 check of its
    password, about 0.3 s of a core): the first minute of a run measures the logins' queue, the
    rest the month-end traffic itself. Both are reported.
    """
    start = journal.get("spawned", 0.0) + warmup
    times = {}
    failed = {}
    for at, name, response_ms, failure in journal.get("samples", []):
        if at >= start:
            times.setdefault(name, []).append(response_ms)
            failed[name] = failed.get(name, 0) + bool(failure)
    pages = {}
    for name, values in times.items():
        values.sort()
        pages[name] = {
            "requests": len(values),
            "failures": failed[name],
            "p50_ms": percentile(values, 0.5),
            "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99),
        }
    end = max((sample[0] for sample in journal.get("samples", [])), default=start)
    return {"from_s": round(start, 1), "duration_s": round(max(end - start, 0.0), 1), "pages": pages}


# A query that lost a race with another transaction: Odoo logs it as a "bad query", rolls back
# and serves the request again (up to 5 times); only a request that runs out of tries is an error.
RETRIED = re.compile(r"could not serialize access|deadlock detected|could not obtain lock")


def read_server_logs(paths):
    """(error lines, conflicts retried by Odoo) of the server's log files."""
    errors, retried = [], 0
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as stream:
            lines = stream.read().splitlines()
        for index, line in enumerate(lines):
            if not re.search(r" (ERROR|CRITICAL) |^Traceback ", line):
                continue
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if "odoo.sql_db: bad query" in line and RETRIED.search(following):
                retried += 1
                continue
            errors.append(f"{os.path.basename(path)}: {line[:500]}")
    return errors, retried


def command_check(args):
    with open(args.snapshot, encoding="utf-8") as stream:
        snapshot = json.load(stream)
    with open(args.journal, encoding="utf-8") as stream:
        journal = json.load(stream)
    cr, _registry = _env(args.config, args.db)
    with cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        problems, facts = check_invariants(env, snapshot, journal)
        cr.rollback()
    duration = max(journal["stopped"] - journal["started"], 1e-3)
    pages = journal.get("pages", {})
    total = sum(p["requests"] for p in pages.values())
    server_errors = [e for e in journal.get("error_pages", []) if e["status"] >= 500]
    log_errors, retried = read_server_logs(args.server_logs)
    error_pages = [e for e in journal.get("error_pages", []) if e["status"] < 500]
    steady = steady_state(journal, args.warmup)
    ratios = {}
    for odoo_page, own_page in (("odoo /my/orders", "dealer orders"), ("odoo /my/orders/<id>", "dealer order")):
        # Odoo's pages are a customer's (a dealer's /my/orders leads to its own list), the same ORM and layout.
        if odoo_page in pages and own_page in pages:
            ratios[f"{own_page} / {odoo_page}"] = {
                q: round(pages[own_page][q] / max(pages[odoo_page][q], 1), 2) for q in ("p50_ms", "p95_ms")
            }
    result = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(journal["started"])),
        "command": args.command_line,
        "db": args.db,
        "size": snapshot["size"],
        "settings": json.loads(args.settings or "{}"),
        "load_average": args.load_average,
        "duration_s": round(duration, 1),
        "requests": total,
        "pages_per_s": round(total / duration, 2),
        "orders_per_min": round(len({e["order_id"] for e in journal.get("checkouts", [])}) / duration * 60, 1),
        "double_submits": len(journal.get("double_submits", [])),
        "rejected": journal.get("rejected", {}),
        "server_errors": len(server_errors),
        "server_log_errors": log_errors[:50],
        "conflicts_retried_by_odoo": retried,
        "error_pages": len(error_pages),
        "errors": journal.get("errors", []),
        "error_samples": journal.get("error_pages", [])[:20],
        "pages": pages,
        "own_vs_odoo": ratios,
        "steady_state": steady,
        "targets_p95_ms": {
            name: {
                "target": target,
                "p95_ms": pages[name]["p95_ms"],
                "met": pages[name]["p95_ms"] < target,
                "steady_p95_ms": steady["pages"].get(name, {}).get("p95_ms"),
                "met_steady": steady["pages"].get(name, {}).get("p95_ms", target) < target,
            }
            for name, target in TARGETS_P95_MS.items()
            if name in pages
        },
        "database": facts,
        "invariants": {name: {"ok": not found, "violations": found[:50]} for name, found in problems.items()},
    }
    with open(args.out, "w", encoding="utf-8") as stream:
        json.dump(result, stream, indent=1, ensure_ascii=False)
    print_summary(result)
    failed = [name for name, found in problems.items() if found]
    if failed or server_errors or error_pages or log_errors:
        reasons = [f"invariant violated: {', '.join(failed)}"] if failed else []
        if server_errors or error_pages:
            reasons.append(f"{len(server_errors)} server errors (5xx), {len(error_pages)} error pages")
        if log_errors:
            reasons.append(f"{len(log_errors)} errors in the server's log")
        sys.exit("[load] FAILED: " + "; ".join(reasons))


def print_summary(result):
    print(
        f"\n[load] {result['db']} (size {result['size']}), {result['settings']}, load average {result['load_average']}"
    )
    print(
        f"[load] {result['duration_s']}s: {result['requests']} requests, {result['pages_per_s']} pages/s, "
        f"{result['orders_per_min']} orders/min ({result['database']['orders_placed']} placed, "
        f"{result['double_submits']} double submits), rejected: {result['rejected'] or 'none'}"
    )
    print(f"{'page':<28} {'requests':>8} {'failed':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for name, page in sorted(result["pages"].items()):
        print(
            f"{name[:28]:<28} {page['requests']:>8} {page['failures']:>6} {page['p50_ms']:>7.0f} "
            f"{page['p95_ms']:>7.0f} {page['p99_ms']:>7.0f}"
        )
    for name, ratio in result["own_vs_odoo"].items():
        print(f"[load] {name}: p50 x{ratio['p50_ms']}, p95 x{ratio['p95_ms']}")
    steady = result["steady_state"]
    print(
        f"[load] steady state: from {steady['from_s']}s (every user started, then the warm-up), {steady['duration_s']}s"
    )
    for name, page in sorted(steady["pages"].items()):
        print(
            f"  {name[:26]:<26} {page['requests']:>8} {page['failures']:>6} {page['p50_ms']:>7.0f} "
            f"{page['p95_ms']:>7.0f} {page['p99_ms']:>7.0f}"
        )
    for name, target in result["targets_p95_ms"].items():
        verdicts = []
        for label, p95, met in (
            ("whole run", target["p95_ms"], target["met"]),
            ("steady state", target["steady_p95_ms"], target["met_steady"]),
        ):
            if p95 is not None:
                verdicts.append(f"{label} p95 {p95:.0f} ms {'met' if met else 'MISSED'}")
        print(f"[load] target {name} (p95 under {target['target']} ms): {', '.join(verdicts)}")
    print(f"[load] order states: {result['database']['order_states']}")
    print(
        f"[load] server errors (5xx): {result['server_errors']}, error pages: {result['error_pages']}, "
        f"errors in the server's log: {len(result['server_log_errors'])}, "
        f"conflicts retried by Odoo: {result['conflicts_retried_by_odoo']}"
    )
    for line in result["server_log_errors"][:5]:
        print(f"    {line[:300]}")
    for sample in result["error_samples"][:5]:
        print(f"    {sample['page']} {sample['url']}: {sample['problem']} ({sample['status']})")
    for name, verdict in result["invariants"].items():
        print(f"[load] invariant {name:<14} {'ok' if verdict['ok'] else 'VIOLATED'}")
        for violation in verdict["violations"][:5]:
            print(f"    {violation}")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--config", default=os.path.join(ROOT, "odoo.conf"))
    parser.add_argument("--db", required=True)
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare")
    prepare.add_argument("--accounts", required=True)
    prepare.add_argument("--snapshot", required=True)
    check = commands.add_parser("check")
    check.add_argument("--snapshot", required=True)
    check.add_argument("--journal", required=True)
    check.add_argument("--out", required=True)
    check.add_argument("--settings", default="")
    check.add_argument("--load-average", default="")
    check.add_argument("--command-line", default="")
    check.add_argument("--server-logs", nargs="*", default=[], help="the server's log and stderr")
    check.add_argument("--warmup", type=float, default=30.0, help="seconds after the last user started")
    args = parser.parse_args(argv)
    {"prepare": command_prepare, "check": command_check}[args.command](args)


if __name__ == "__main__":
    main()
