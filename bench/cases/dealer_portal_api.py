"""dealer_portal_api: orders placed by a dealer's system through the API, against the portal checkout.

Each run places the same ORDERS orders of LINES lines twice: through ``POST /dealer_api/v1/orders``
(the API's frame as its controller calls it: key check, rate limit, idempotency, call log, then
the endpoint, which validates and submits the order as the portal does) and through the portal's
checkout (the cart's rows added with the portal's one validation path, then the checkout form's
values and submission, as ``/my/dealer/checkout/submit`` does). The comparison slot of the report
("native") holds the portal checkout. Throughput is in orders per second (x 60: per minute).
HTTP parsing is left out on both sides.

The endpoint comes with the API's ordering add-on: where ``POST /dealer_api/v1/orders`` is not
routed, the case is skipped with that reason.
"""

import json
import uuid

from bench.registry import SkipCase, bench_case

ORDERS = 5
LINES = 10
API_PREFIX = "/dealer_api/v1"
ORDERS_PATH = API_PREFIX + "/orders"


def _orders_operation(env):
    """The ApiOperation routed as POST /dealer_api/v1/orders in this database, or None."""
    IrHttp = env["ir.http"]
    installed = env["ir.module.module"].search([("state", "=", "installed")]).mapped("name")
    # The routing rules themselves: the routing map needs the request's database.
    for url, endpoint in IrHttp._generate_routing_rules(sorted(installed), converters=IrHttp._get_converters()):
        if url == ORDERS_PATH:
            for operation in endpoint.routing.get("dealer_api") or ():
                if operation.method == "POST":
                    return operation
    return None


def _dealer_and_products(env):
    """An active dealer that may buy LINES products by the unit, and those products."""
    products = env["product.product"].search(
        [("sale_ok", "=", True), ("default_code", "!=", False)], order="id", limit=LINES * 20
    )
    products.product_tmpl_id.write({"dealer_min_qty": 0, "dealer_pack_qty": 0})
    dealers = env["res.partner"].search(
        [("is_dealer", "=", True), ("parent_id", "=", False), ("dealer_state", "=", "active")], order="id"
    )
    for dealer in dealers:
        allowed = products - dealer._dealer_get_unauthorised(products)
        if len(allowed) >= LINES:
            # Its orders belong to the company of its sales team.
            company = dealer.company_id or dealer.dealer_team_id.company_id or env.company
            return dealer.with_company(company), allowed[:LINES]
    raise SkipCase(f"no dealer of the benchmark data may buy {LINES} products: run `make data` again")


def _setup(env):
    operation = _orders_operation(env)
    if operation is None:
        raise SkipCase(f"POST {ORDERS_PATH} is not routed: the API's ordering endpoint is not installed")
    dealer, products = _dealer_and_products(env)
    # Rolled back with the run: the benchmark's calls are not throttled.
    env["ir.config_parameter"].set_param("dealer_api.rate_limit", "1000000")
    key = env["dealer.api.key"]._generate(dealer, "Benchmark ERP")[1]
    orders = [[(product, 1 + (n + line) % 4) for line, product in enumerate(products)] for n in range(ORDERS)]
    return {"operation": operation, "dealer": dealer, "key": key, "orders": orders}


def _portal_checkout(env, ctx):
    dealer = ctx["dealer"]
    address = dealer._dealer_portal_delivery_addresses()[:1]
    for number, lines in enumerate(ctx["orders"]):
        cart = dealer._dealer_portal_cart(user=dealer.env.user)
        cart._dealer_portal_add_rows(
            [{"ref": str(n), "product_id": product.id, "qty": qty} for n, (product, qty) in enumerate(lines, 1)]
        )
        form = {"partner_shipping_id": str(address.id), "dealer_payment_method": "credit"}
        vals = cart._dealer_portal_checkout_vals(form, address)
        if not cart._dealer_portal_checkout_submit(vals, f"bench-{number}-{uuid.uuid4().hex}"):
            raise RuntimeError("the portal checkout did not submit the cart")


@bench_case(
    f"place {ORDERS} orders of {LINES} lines: API (POST /orders) vs portal checkout",
    native=_portal_checkout,
    setup=_setup,
    repeat=3,
    per_run=(ORDERS, "orders"),
)
def api_orders(env, ctx):
    operation = ctx["operation"]
    Call = env["dealer.api.call"].sudo()
    for lines in ctx["orders"]:
        body = {"lines": [{"sku": product.default_code, "qty": qty} for product, qty in lines]}
        status, answer, _headers = Call._process(
            ctx["key"],
            {
                "method": "POST",
                "path": ORDERS_PATH,
                "operation": operation.operation,
                "route": operation.route_values(),
                "params": {},
                "headers": {"Idempotency-Key": uuid.uuid4().hex},
                "body": json.dumps(body).encode(),
                "ip_address": "127.0.0.1",
            },
        )
        if status != 200 or (answer or {}).get("status") != "ok" or not answer.get("order", {}).get("id"):
            raise RuntimeError(f"POST {ORDERS_PATH} answered {status}: {json.dumps(answer)[:300]}")
