from odoo import fields, models


class DealerRegion(models.Model):
    _inherit = "dealer.region"

    warehouse_mapping_ids = fields.One2many(
        "stock.region.warehouse", "region_id", string="Serving Warehouses", help="Empty: the parent's warehouses."
    )

    def _get_serving_warehouses(self, company=None):
        """Warehouses serving this region by priority: its own mapping, else the nearest ancestor's."""
        return self._get_serving_mappings(company).warehouse_id

    def _get_serving_mappings(self, company=None):
        """The region-warehouse mappings that apply to this region, by sequence."""
        self.ensure_one()
        company = company or self.env.company
        ancestor_ids = [int(x) for x in (self.parent_path or f"{self.id}/").strip("/").split("/") if x]
        mappings = self.env["stock.region.warehouse"].search(
            [("region_id", "in", ancestor_ids), ("company_id", "=", company.id)]
        )
        for region_id in reversed(ancestor_ids):
            own = mappings.filtered(lambda m, r=region_id: m.region_id.id == r)
            if own:
                return own.sorted(lambda m: (m.sequence, m.id))
        return self.env["stock.region.warehouse"]
