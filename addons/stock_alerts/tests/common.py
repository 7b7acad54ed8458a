from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.dealer_base.tests.common import DealerCase


class StockAlertsCase(DealerCase):
    """Three warehouses W1, W2, W3; dealer A in a city of a region served by W1 then W2, dealer B in a
    region served by W3 only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.stock_manager = cls.env["res.users"].create(
            {
                "name": "Stock Manager",
                "login": "t_stock_manager",
                "email": "t_stock_manager@example.com",
                "groups_id": [Command.set([cls.env.ref("stock.group_stock_manager").id])],
            }
        )
        cls.w1, cls.w2, cls.w3 = (
            cls.env["stock.warehouse"].create({"name": f"Test Warehouse {n}", "code": f"TW{n}"}) for n in (1, 2, 3)
        )
        cls.w1.stock_alerts_user_id = cls.stock_manager
        Region = cls.env["dealer.region"]
        cls.region_parent = Region.create({"name": "Test Parent", "code": "T-P", "region_type": "region"})
        cls.region_city = Region.create(
            {"name": "Test City", "code": "T-C", "region_type": "city", "parent_id": cls.region_parent.id}
        )
        cls.region_other = Region.create({"name": "Test Other", "code": "T-O", "region_type": "region"})
        Mapping = cls.env["stock.region.warehouse"]
        Mapping.create({"region_id": cls.region_parent.id, "warehouse_id": cls.w1.id, "sequence": 10})
        Mapping.create({"region_id": cls.region_parent.id, "warehouse_id": cls.w2.id, "sequence": 20})
        Mapping.create({"region_id": cls.region_other.id, "warehouse_id": cls.w3.id, "sequence": 10})
        # The warehouses already there (Odoo's demo data has some in several companies) serve a region
        # of their own: unmapped, each would raise a configuration alert next to the ones the tests expect.
        cls.region_elsewhere = Region.create({"name": "Test Elsewhere", "code": "T-E", "region_type": "region"})
        unmapped = cls.env["stock.warehouse"].search([("region_mapping_ids", "=", False)]) - (cls.w1 | cls.w2 | cls.w3)
        Mapping.create([{"region_id": cls.region_elsewhere.id, "warehouse_id": warehouse.id} for warehouse in unmapped])
        cls.dealer_a.dealer_region_id = cls.region_city
        cls.dealer_b.dealer_region_id = cls.region_other
        cls.today = fields.Date.context_today(cls.env["stock.alert"])
        cls.customer_location = cls.env.ref("stock.stock_location_customers")

    @classmethod
    def _product(cls, name):
        return cls.env["product.product"].create({"name": name, "type": "consu", "is_storable": True})

    @classmethod
    def _set_stock(cls, product, warehouse, qty):
        cls.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, qty)

    @classmethod
    def _deliver(cls, product, warehouse, qty, day):
        """A done delivery of ``qty`` to a customer on ``day``."""
        cls._set_stock(product, warehouse, qty)
        move = cls.env["stock.move"].create(
            {
                "name": "history",
                "product_id": product.id,
                "product_uom": product.uom_id.id,
                "product_uom_qty": qty,
                "location_id": warehouse.lot_stock_id.id,
                "location_dest_id": cls.customer_location.id,
            }
        )
        move._action_confirm()
        move._action_assign()
        move.picked = True
        move._action_done()
        move.date = datetime.combine(day, time(12))
        return move

    @classmethod
    def _rule(cls, product, warehouse, qty, **vals):
        return cls.env["stock.safety.stock"].create(
            dict(
                {"product_id": product.id, "warehouse_id": warehouse.id, "manual_qty": qty, "lead_time_days": 7},
                **vals,
            )
        )

    def _days_ago(self, n):
        return self.today - timedelta(days=n)
