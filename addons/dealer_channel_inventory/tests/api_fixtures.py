"""A dealer's stock reports and suggested orders, for the dealer API's contract fuzzing
(see dealer_api/tests/api_crawler.py)."""

from datetime import timedelta

from odoo import fields

from odoo.addons.dealer_api.tests.api_crawler import api_seed
from odoo.addons.dealer_channel_inventory.tools.channel_math import last_closed_period, period_label


@api_seed
def reported_stock(env, dealer):
    """Four weeks of sell-out of a product with little left: report lines to read, an order to suggest."""
    product = env["product.product"].create(
        {"name": "API Fuzz Kettle", "default_code": "T-API-FUZZ-1", "is_storable": True, "list_price": 10}
    )
    week0 = last_closed_period("week", fields.Date.context_today(product))[0]
    rows = [
        {
            "ref": str(weeks_ago),
            "sku": product.default_code,
            "on_hand": 2 + 10 * weeks_ago,
            "sold": 10,
            "period": period_label("week", week0 - timedelta(weeks=weeks_ago)),
        }
        for weeks_ago in range(4)
    ]
    env["dealer.stock.report"]._submit_rows(dealer, rows, "backoffice")
    env["dealer.channel.stock"]._refresh(dealers=dealer)
