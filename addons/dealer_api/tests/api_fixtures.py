"""Records of a dealer for the API's security crawler and contract fuzzing (see api_crawler.py):
the models every endpoint of the API may name by id whatever add-on serves it."""

from odoo import Command

from .api_crawler import api_fixture


@api_fixture("sale.order")
def dealer_order(env, dealer):
    """A confirmed order of the dealer."""
    product = env["product.product"].create({"name": f"API crawl item {dealer.dealer_code}", "list_price": 10.0})
    order = env["sale.order"].create(
        {
            "partner_id": dealer.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1})],
        }
    )
    order.action_confirm()
    return order


@api_fixture("account.move")
def dealer_invoice(env, dealer):
    """A posted invoice of the dealer."""
    invoice = dealer_order(env, dealer)._create_invoices()
    invoice.action_post()
    return invoice
