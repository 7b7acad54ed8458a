from odoo import api, models

# (region, [warehouses by priority]): a region's own warehouse first, the others as fallback.
REGION_WAREHOUSES = [
    ("region_east", ["warehouse_east", "warehouse_south", "warehouse_north"]),
    ("region_south", ["warehouse_south", "warehouse_east", "warehouse_north"]),
    ("region_north", ["warehouse_north", "warehouse_east", "warehouse_south"]),
]


class StockAlertsDemo(models.AbstractModel):
    _name = "stock.alerts.demo"
    _description = "Stock Alerts Demo Data"

    @api.model
    def _load_demo(self):
        ref = self.env.ref
        warehouses = self.env["stock.warehouse"]
        for region, names in REGION_WAREHOUSES:
            for sequence, name in enumerate(names, start=1):
                warehouse = ref(f"dealer_base.{name}")
                warehouses |= warehouse
                self.env["stock.region.warehouse"].create(
                    {
                        "region_id": ref(f"dealer_base.{region}").id,
                        "warehouse_id": warehouse.id,
                        "sequence": sequence * 10,
                    }
                )
        ref("dealer_base.warehouse_north").stock_alerts_user_id = ref("base.user_admin")
        ref("dealer_base.warehouse_east").stock_alerts_user_id = ref("base.user_admin")
        product_ids = (
            self.env["ir.model.data"]
            .search([("module", "=", "dealer_base"), ("model", "=", "product.product")], order="id")
            .mapped("res_id")
        )
        products = self.env["product.product"].browse(product_ids)
        available = warehouses._get_available_qty(products)
        north = ref("dealer_base.warehouse_north")
        # The items short in Beijing, and a few fast movers computed from their history.
        short = products.filtered(lambda p: available.get((p.id, north.id), 0.0) < 50)[:5]
        computed = (products - short)[:3]
        vals_list = []
        for warehouse in warehouses:
            for product in short:
                vals_list.append(
                    {
                        "product_id": product.id,
                        "warehouse_id": warehouse.id,
                        "company_id": warehouse.company_id.id,
                        "mode": "manual",
                        "manual_qty": 40,
                        "lead_time_days": 7,
                        "min_order_qty": 50,
                        "pack_size": 10,
                    }
                )
            for product in computed:
                vals_list.append(
                    {
                        "product_id": product.id,
                        "warehouse_id": warehouse.id,
                        "company_id": warehouse.company_id.id,
                        "mode": "computed",
                        "lead_time_days": 10,
                        "service_level_z": 1.65,
                        "min_order_qty": 20,
                        "pack_size": 6,
                    }
                )
        rules = self.env["stock.safety.stock"].create(vals_list)
        rules.action_compute_safety_stock()
        self.env["stock.alert"]._generate_alerts(rules)
        self.env["stock.replenishment.suggestion"]._generate(rules)
        self.env["stock.transfer.suggestion"]._generate(rules)
