from odoo import fields, models


class StockRegionWarehouse(models.Model):
    """Which warehouses serve a sales region, in order of priority."""

    _name = "stock.region.warehouse"
    _description = "Warehouse Serving a Sales Region"
    _order = "region_id, sequence, id"

    sequence = fields.Integer(default=10, help="Lower first: the first warehouse is the region's own warehouse.")
    region_id = fields.Many2one("dealer.region", string="Sales Region", required=True, index=True, ondelete="cascade")
    warehouse_id = fields.Many2one("stock.warehouse", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="warehouse_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "region_warehouse_unique",
            "UNIQUE(region_id, warehouse_id)",
            "A warehouse is mapped only once to a sales region.",
        ),
    ]
