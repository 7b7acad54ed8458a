import random
from datetime import timedelta

from odoo import api, fields, models

from ..tools.channel_math import last_closed_period, period_label

# The key of dealer D001's demo system, documented in the readme (demo databases only).
DEMO_API_KEY = "dk_demo0001d001c4a1n5e7s0t9o2c6k8r3e4p5o7r1t"
# (dealer code, weeks reported, weekly sell-out factor): D002 stopped reporting three weeks ago (its stock is
# estimated), D006 never reports (reminded); D003 sells fast, D005 slowly (overstocked).
DEMO_REPORTING = [("D001", 8, 1.0), ("D002", 5, 0.8), ("D003", 8, 1.6), ("D004", 6, 0.6), ("D005", 8, 0.25)]


class DealerChannelInventoryDemo(models.AbstractModel):
    _name = "dealer.channel.inventory.demo"
    _description = "Channel Inventory Demo Data"

    @api.model
    def _load_channel_demo(self):
        """Weekly stock reports of the demo dealers, an API key for D001, then the channel stock and alerts.

        Works on the dealers D001-D006 of the current company where they exist (dealer_demo's story
        calls it in the brand's company); without them it leaves nothing."""
        if self.env["dealer.api.key"].with_context(active_test=False).search_count([("index", "=", "demo0001")]):
            return
        rng = random.Random(20261122)
        Partner = self.env["res.partner"]
        today = fields.Date.context_today(self)
        last_start = last_closed_period("week", today)[0]
        Report = self.env["dealer.stock.report"]
        for code, weeks, factor in DEMO_REPORTING:
            dealer = Partner.search([("dealer_code", "=", code), ("is_dealer", "=", True)], limit=1)
            if not dealer:
                continue
            products = dealer._channel_reported_products().filtered("default_code")[:12]
            if not products:
                continue
            stock = {product: rng.randint(20, 80) for product in products}
            rows = []
            skip = 3 if code == "D002" else 0
            for week in range(weeks + skip - 1, skip - 1, -1):
                start = last_start - timedelta(weeks=week)
                for product in products:
                    sold = max(0, round(rng.randint(3, 15) * factor))
                    stock[product] = max(0, stock[product] - sold + (rng.choice((0, 0, 20, 30))))
                    rows.append(
                        {
                            "ref": code,
                            "sku": product.default_code,
                            "period": period_label("week", start),
                            "on_hand": stock[product],
                            "sold": sold,
                        }
                    )
            Report._submit_rows(dealer, rows, "backoffice")
        dealer1 = Partner.search([("dealer_code", "=", "D001"), ("is_dealer", "=", True)], limit=1)
        if dealer1:
            self.env["dealer.api.key"]._generate(dealer1, "ERP of 上海恒通 (demo)", key=DEMO_API_KEY)
        self.env["dealer.channel.stock"]._refresh()
        self.env["dealer.cover.alert"]._generate()
