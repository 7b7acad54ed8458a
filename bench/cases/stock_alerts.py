"""stock_alerts: the daily run of alerts and suggestions over every product and warehouse."""

from bench.registry import bench_case


def _bench_warehouses(env):
    return env["stock.warehouse"].search([("code", "=like", "B%")], order="id")


def generate(env, size, rng):
    """A safety stock for every product in each of the three warehouses, half of them computed."""
    products = env["product.product"].search([("default_code", "=like", "B-%"), ("is_storable", "=", True)])
    vals_list = [
        {
            "product_id": product.id,
            "warehouse_id": warehouse.id,
            "mode": "computed" if rng.random() < 0.5 else "manual",
            "manual_qty": rng.randint(5, 60),
            "lead_time_days": rng.randint(3, 14),
            "min_order_qty": rng.choice((0, 10, 20)),
            "pack_size": rng.choice((0, 6, 12)),
        }
        for warehouse in _bench_warehouses(env)
        for product in products
    ]
    rules = env["stock.safety.stock"].create(vals_list)
    rules.filtered(lambda r: r.mode == "computed").action_compute_safety_stock()


@bench_case(
    "daily alerts and suggestions: every product x 3 warehouses",
    sizes=("s", "m", "l"),
    repeat=3,
)
def daily_alerts_and_suggestions(env, ctx):
    # No native equivalent: Odoo's replenishment report (stock.warehouse.orderpoint._get_orderpoint_action)
    # only looks at products with a negative forecast, so it does a fraction of this work.
    env["stock.safety.stock"]._cron_compute_safety_stock()
    env["stock.alert"]._generate_alerts()
    env["stock.replenishment.suggestion"]._generate()
    env["stock.transfer.suggestion"]._generate()
