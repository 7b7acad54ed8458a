"""Records of a dealer the API's security crawler and contract fuzzing name by id (see
dealer_api/tests/api_crawler.py): the return requests of GET /returns/<id>."""

from odoo import Command

from odoo.addons.dealer_api.tests.api_crawler import api_fixture
from odoo.addons.dealer_api.tests.api_fixtures import dealer_order


@api_fixture("dealer.return")
def dealer_return(env, dealer):
    """A return request of one unit of a confirmed order of the dealer."""
    order = dealer_order(env, dealer)
    return env["dealer.return"].create(
        {
            "partner_id": dealer.id,
            "order_id": order.id,
            "reason": f"API crawl return {dealer.dealer_code}",
            "line_ids": [Command.create({"sale_line_id": order.order_line[:1].id, "quantity": 1})],
        }
    )
