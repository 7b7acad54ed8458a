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


@api_fixture("dealer.api.webhook")
def dealer_webhook(env, dealer):
    """A webhook the dealer's system registered, posting to a local receiver."""
    env["ir.config_parameter"].sudo().set_param("dealer_api.webhook_allow_private", "1")
    return env["dealer.api.webhook"].create(
        {"name": f"API crawl hook {dealer.dealer_code}", "url": "http://127.0.0.1:9/hook", "dealer_id": dealer.id}
    )
