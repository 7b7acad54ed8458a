"""stock_alerts: the daily run of alerts and suggestions over every product and warehouse."""

from bench.registry import bench_case


def _bench_warehouses(env):
    return env["stock.warehouse"].search([("code", "=like", "B%")], order="id")


def _generate_delivery_history(env):
    """The demand history: a done delivery move for every delivered line of the two years of orders.

    One set-based statement: each move leaves its order's warehouse for the customers' location a day
    or two after the order, for the delivered quantity, linked to its order line.
    """
    env.flush_all()
    customers = env.ref("stock.stock_location_customers")
    env.cr.execute(
        """
        INSERT INTO stock_move
            (company_id, product_id, product_uom, location_id, location_dest_id, location_final_id,
             warehouse_id, picking_type_id, partner_id, sale_line_id, name, reference, origin, state,
             procure_method, priority, product_qty, product_uom_qty, quantity, picked, scrapped, additional,
             is_inventory, propagate_cancel, to_refund, date, create_uid, write_uid, create_date, write_date)
        SELECT so.company_id, l.product_id, l.product_uom, wh.lot_stock_id, %(customers)s, %(customers)s,
               wh.id, wh.out_type_id, so.partner_shipping_id, l.id, l.name, so.name, so.name, 'done',
               'make_to_stock', '0', l.qty_delivered, l.qty_delivered, l.qty_delivered, TRUE, FALSE, FALSE,
               FALSE, FALSE, FALSE,
               LEAST(so.date_order + (1 + l.id %% 2) * interval '1 day', now() at time zone 'UTC'),
               1, 1, so.date_order, so.date_order
          FROM sale_order_line l
          JOIN sale_order so ON so.id = l.order_id
          JOIN stock_warehouse wh ON wh.id = so.warehouse_id
         WHERE so.state = 'sale' AND l.qty_delivered > 0 AND l.product_id IS NOT NULL
        """,
        {"customers": customers.id},
    )
    env.cr.execute("ANALYZE stock_move")
    env.invalidate_all()


# Which bench warehouses serve each sales region of bench/datagen.py, nearest first: a dealer's
# availability, review and delivery come from these (stock.region.warehouse).
REGION_WAREHOUSES = {
    "B-R0": ("BSH", "BGZ", "BBJ"),  # 华东
    "B-R1": ("BGZ", "BSH"),  # 华南
    "B-R2": ("BBJ", "BSH"),  # 华北
    "B-R3": ("BSH", "BGZ", "BBJ"),  # 华中
    "B-R4": ("BBJ", "BGZ"),  # 西部
}


def _generate_region_warehouses(env):
    warehouses = {w.code: w for w in _bench_warehouses(env)}
    regions = env["dealer.region"].search([("code", "in", list(REGION_WAREHOUSES))])
    env["stock.region.warehouse"].create(
        [
            {"region_id": region.id, "warehouse_id": warehouses[code].id, "sequence": 10 * (index + 1)}
            for region in regions
            for index, code in enumerate(REGION_WAREHOUSES[region.code])
        ]
    )


def generate(env, size, rng):
    """The warehouses serving each sales region, two years of deliveries, then a safety stock for every
    product in each of the three warehouses, half of them computed from that history."""
    _generate_region_warehouses(env)
    _generate_delivery_history(env)
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
