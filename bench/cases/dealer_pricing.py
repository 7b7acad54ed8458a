"""dealer_pricing: what the dealer's price rules cost compared with a plain Odoo price list."""

from odoo import Command

from bench.registry import bench_case

# Level price lists: a discount on the list price per level.
LEVEL_DISCOUNTS = {"Platinum": 15.0, "Gold": 12.0, "Silver": 8.0}
# 50,000 dealer prices at m and l, the scale the pricing targets are stated for.
PRICES_PER_DEALER = {"s": 5, "m": 50, "l": 25}


def generate(env, size, rng):
    """A discount price list per level, and a few agreed prices per dealer."""
    Pricelist = env["product.pricelist"]
    for level in env["dealer.level"].search([]):
        discount = LEVEL_DISCOUNTS.get(level.with_context(lang="en_US").name, 10.0)
        level.pricelist_id = Pricelist.create(
            {
                "name": f"Bench level {level.name}",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": discount,
                        }
                    )
                ],
            }
        )
    products = env["product.product"].search([("default_code", "=like", "B-%")], order="id")
    dealers = env["res.partner"].search([("is_dealer", "=", True), ("parent_id", "=", False)], order="id")
    vals_list = []
    for dealer in dealers:
        for product in rng.sample(list(products), PRICES_PER_DEALER[size]):
            vals_list.append(
                {
                    "dealer_id": dealer.id,
                    "product_id": product.id,
                    "price": round(product.lst_price * rng.uniform(0.7, 0.9), 2) or 1.0,
                }
            )
    env["dealer.price"].create(vals_list)


def _dealer_with_prices(env):
    price = env["dealer.price"].search([], limit=1, order="id")
    return price.dealer_id


def _plain_pricelist(env):
    """A price list like the level's (list price -12%), without dealer rules."""
    return env["product.pricelist"].create(
        {
            "name": "Bench plain price list",
            "item_ids": [
                Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 12.0})
            ],
        }
    )


def _order_setup(env):
    dealer = _dealer_with_prices(env)
    agreed = dealer.dealer_price_ids.product_id
    others = env["product.product"].search(
        [("default_code", "=like", "B-%"), ("id", "not in", agreed.ids)], limit=200 - len(agreed), order="id"
    )
    customer = env["res.partner"].search([("is_dealer", "=", False), ("name", "like", "零售客户")], limit=1)
    native_pricelist = _plain_pricelist(env)
    orders = env["sale.order"].create(
        [
            {"partner_id": dealer.id},
            {"partner_id": customer.id, "pricelist_id": native_pricelist.id},
        ]
    )
    assert orders[0].pricelist_id == dealer.dealer_pricelist_id
    return {"order": orders[0], "native_order": orders[1], "products": agreed | others}


def _add_lines(order, products):
    order.order_line = [Command.create({"product_id": p.id, "product_uom_qty": 10}) for p in products]
    order.amount_total  # noqa: B018 - the totals are part of pricing an order


def _native_price_order(env, ctx):
    _add_lines(ctx["native_order"], ctx["products"])


@bench_case(
    "price a 200-line order: dealer prices + level price list",
    native=_native_price_order,
    setup=_order_setup,
    sizes=("s", "m", "l"),
    repeat=9,
)
def price_dealer_order(env, ctx):
    _add_lines(ctx["order"], ctx["products"])


def _catalog_setup(env):
    dealer = _dealer_with_prices(env)
    # A page mixing agreed prices (a fifth of it) with products priced by the level.
    agreed = dealer.dealer_price_ids.product_id.sorted("id")[:10]
    others = env["product.product"].search(
        [("default_code", "=like", "B-%"), ("id", "not in", agreed.ids)], limit=50 - len(agreed), order="id"
    )
    return {
        "pricelist": dealer.dealer_pricelist_id,
        "native_pricelist": _plain_pricelist(env),
        "products": agreed | others,
    }


def _native_catalog(env, ctx):
    ctx["native_pricelist"]._get_products_price(ctx["products"], 1.0)


@bench_case(
    "catalog page of a dealer: prices of 50 products",
    native=_native_catalog,
    setup=_catalog_setup,
    sizes=("s", "m", "l"),
    repeat=60,
)
def dealer_catalog_prices(env, ctx):
    ctx["pricelist"]._get_products_price(ctx["products"], 1.0)
