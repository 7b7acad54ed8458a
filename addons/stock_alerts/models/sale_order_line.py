from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _create_procurements(self, product_qty, procurement_uom, origin, values):
        """Split the line's procurement across the warehouses of the order's allocation plan.

        The plan (context key ``stock_alerts_plan``: line id -> [(warehouse, qty)]) is in the product's
        unit; quantities are split in the same proportions so that any unit of measure works.
        """
        plan = self.env.context.get("stock_alerts_plan", {}).get(self.id)
        if not plan:
            return super()._create_procurements(product_qty, procurement_uom, origin, values)
        total = sum(qty for _warehouse, qty in plan)
        procurements = []
        for warehouse, qty in plan:
            if not qty or not total:
                continue
            procurements += super()._create_procurements(
                product_qty * qty / total, procurement_uom, origin, dict(values, warehouse_id=warehouse)
            )
        return procurements
