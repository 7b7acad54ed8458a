"""dealer_credit: what the credit check adds to the confirmation of an order."""

from odoo import Command

from bench.registry import bench_case

CREDIT_STEPS = (200_000, 500_000, 1_000_000)


def generate(env, size, rng):
    """A credit limit for every dealer."""
    dealers = env["res.partner"].search([("is_dealer", "=", True), ("parent_id", "=", False)], order="id")
    by_limit = {}
    for dealer in dealers:
        by_limit.setdefault(rng.choice(CREDIT_STEPS), []).append(dealer.id)
    for limit, ids in by_limit.items():
        dealers.browse(ids).write({"credit_limit": limit})


def _confirm_setup(env):
    """A 50-line quotation of a dealer whose credit lets it through (none is held)."""
    products = env["product.product"].search([("default_code", "=like", "B-%")], limit=50, order="id")
    dealers = env["res.partner"].search(
        [("is_dealer", "=", True), ("parent_id", "=", False), ("dealer_state", "=", "active")], order="id"
    )
    for dealer in dealers:
        order = env["sale.order"].create(
            {
                "partner_id": dealer.id,
                "order_line": [Command.create({"product_id": p.id, "product_uom_qty": 5}) for p in products],
            }
        )
        if not order._dealer_credit_check():
            return {"order": order}
        order.unlink()
    raise RuntimeError("every dealer of the benchmark data is over its credit: run `make data` again")


def _action_confirm_without_credit_check(order):
    """Odoo's confirmation with every other add-on's, skipping only dealer_credit's override."""
    for cls in type(order).__mro__:
        if cls.__module__ == "odoo.addons.dealer_credit.models.sale_order":
            return super(cls, order).action_confirm()
    raise RuntimeError("dealer_credit does not override sale.order.action_confirm")


def _native_confirm(env, ctx):
    _action_confirm_without_credit_check(ctx["order"])


@bench_case(
    "confirm a 50-line dealer order with the credit check",
    native=_native_confirm,
    setup=_confirm_setup,
    sizes=("s", "m", "l"),
    repeat=5,
)
def confirm_with_credit_check(env, ctx):
    ctx["order"].action_confirm()
    if ctx["order"].state != "sale":
        raise RuntimeError("the benchmark order was put on credit hold")
