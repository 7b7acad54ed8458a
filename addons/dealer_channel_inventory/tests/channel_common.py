from datetime import datetime, time, timedelta

from odoo import fields

from odoo.addons.dealer_base.tests.common import DealerCase
from odoo.addons.dealer_channel_inventory.tools.channel_math import last_closed_period, period_label


class ChannelCase(DealerCase):
    """Dealers A and B with three products (codes T-CH-1..3), weekly reporting, and helpers to report
    stock, to deliver to a dealer and to read its channel stock."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["dealer.channel.stock"])
        # The last closed week (Monday) and the weeks before it.
        cls.week0 = last_closed_period("week", cls.today)[0]
        cls.level_gold.write({"channel_target_weeks": 4, "channel_min_weeks": 2, "channel_max_weeks": 10})
        Product = cls.env["product.product"]
        cls.p1, cls.p2, cls.p3 = (
            Product.create(
                {"name": f"Channel Kettle {n}", "default_code": f"T-CH-{n}", "is_storable": True, "list_price": 10}
            )
            for n in (1, 2, 3)
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.Report = cls.env["dealer.stock.report"]
        cls.Stock = cls.env["dealer.channel.stock"]

    @classmethod
    def _week(cls, weeks_ago):
        """Label of the week ``weeks_ago`` weeks before the last closed one (0: the last closed week)."""
        return period_label("week", cls.week0 - timedelta(weeks=weeks_ago))

    @classmethod
    def _report(cls, dealer, rows, period=None):
        """rows: (product, on hand, sold) or (product, on hand, sold, period)."""
        return cls.Report._submit_rows(
            dealer,
            [
                {
                    "ref": str(n),
                    "sku": row[0].default_code,
                    "on_hand": row[1],
                    "sold": row[2],
                    "period": row[3] if len(row) > 3 else period,
                }
                for n, row in enumerate(rows, start=1)
            ],
            "backoffice",
        )

    @classmethod
    def _ship(cls, dealer, product, qty, day):
        """A done delivery of ``qty`` to ``dealer`` dated ``day``."""
        cls.env["stock.quant"]._update_available_quantity(product, cls.warehouse.lot_stock_id, qty)
        picking = cls.env["stock.picking"].create(
            {
                "partner_id": dealer.id,
                "picking_type_id": cls.warehouse.out_type_id.id,
                "location_id": cls.warehouse.lot_stock_id.id,
                "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom": product.uom_id.id,
                            "product_uom_qty": qty,
                            "location_id": cls.warehouse.lot_stock_id.id,
                            "location_dest_id": cls.env.ref("stock.stock_location_customers").id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.picked = True
        picking.move_ids.quantity = qty
        picking._action_done()
        picking.move_ids.date = datetime.combine(day, time(12))
        return picking

    def _stock(self, dealer, product):
        self.Stock._refresh(dealers=dealer)
        return self.Stock.search([("dealer_id", "=", dealer.id), ("product_id", "=", product.id)])
