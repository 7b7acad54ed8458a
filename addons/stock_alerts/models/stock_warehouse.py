from odoo import _, api, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    region_mapping_ids = fields.One2many("stock.region.warehouse", "warehouse_id", string="Sales Regions Served")
    stock_alerts_user_id = fields.Many2one(
        "res.users",
        string="Stock Alerts Manager",
        check_company=True,
        help="Receives the activities and the daily digest of this warehouse's stock alerts.",
    )
    stock_alerts_config_warning = fields.Char(string="Configuration Warning", compute="_compute_config_warning")
    stock_alert_count = fields.Integer(string="Open Stock Alerts", compute="_compute_stock_alert_count")

    def _compute_stock_alert_count(self):
        counts = dict(
            self.env["stock.alert"]._read_group(
                [("warehouse_id", "in", self.ids), ("state", "=", "open")], ["warehouse_id"], ["__count"]
            )
        )
        for warehouse in self:
            warehouse.stock_alert_count = counts.get(warehouse, 0)

    def action_view_stock_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock_alerts.stock_alert_action")
        action["domain"] = [("warehouse_id", "=", self.id)]
        return action

    @api.depends("region_mapping_ids")
    def _compute_config_warning(self):
        for warehouse in self:
            warehouse.stock_alerts_config_warning = (
                False
                if warehouse.region_mapping_ids
                else _(
                    "No sales region is mapped to warehouse %s: dealer orders are never allocated to it "
                    "and dealers do not see its stock.",
                    warehouse.name,
                )
            )

    def _get_available_qty(self, products):
        """{(product id, warehouse id): on hand - reserved} in the warehouses' internal locations, one query."""
        if not self or not products:
            return {}
        self.env["stock.quant"].flush_model(["product_id", "location_id", "quantity", "reserved_quantity"])
        self.env["stock.location"].flush_model(["warehouse_id", "usage"])
        self.env.cr.execute(
            """
            SELECT q.product_id, l.warehouse_id, SUM(q.quantity - q.reserved_quantity)
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
             WHERE l.usage = 'internal' AND l.warehouse_id = ANY(%s) AND q.product_id = ANY(%s)
             GROUP BY q.product_id, l.warehouse_id
            """,
            [self.ids, products.ids],
        )
        return {(pid, wid): qty for pid, wid, qty in self.env.cr.fetchall()}

    def _get_daily_demand(self, products, date_from, date_to):
        """{(product id, warehouse id): {date: qty}} delivered to customers per day, one query.

        Demand is the done outgoing moves from the warehouse to customer locations, in the product's unit.
        """
        if not self or not products:
            return {}
        self.env["stock.move"].flush_model(
            ["product_id", "location_id", "location_dest_id", "state", "date", "product_qty"]
        )
        self.env.cr.execute(
            """
            SELECT m.product_id, src.warehouse_id, m.date::date, SUM(m.product_qty)
              FROM stock_move m
              JOIN stock_location src ON src.id = m.location_id
              JOIN stock_location dest ON dest.id = m.location_dest_id
             WHERE m.state = 'done' AND dest.usage = 'customer'
               AND src.warehouse_id = ANY(%s) AND m.product_id = ANY(%s)
               AND m.date::date BETWEEN %s AND %s
             GROUP BY m.product_id, src.warehouse_id, m.date::date
            """,
            [self.ids, products.ids, date_from, date_to],
        )
        result = {}
        for pid, wid, day, qty in self.env.cr.fetchall():
            result.setdefault((pid, wid), {})[day] = qty
        return result
