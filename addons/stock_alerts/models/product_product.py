from odoo import api, fields, models

DEFAULT_LOW_QTY = 10.0


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _dealer_availability(self, dealer):
        """{product id: {state, qty, expected_date}} of these products for ``dealer``, batched.

        Only the warehouses serving the dealer's sales region count. ``state`` is 'out' when nothing is
        available, 'low' under the safety stock of those warehouses (or under the
        ``stock_alerts.low_stock_qty`` parameter, default 10, without safety stock), else 'in_stock'.
        ``expected_date`` is the earliest planned receipt into those warehouses for 'low' and 'out'.
        The caller checks that the current user may see ``dealer``; reading stock needs stock access,
        so portal callers pass a sudo()-ed recordset after that check.
        """
        dealer = dealer.dealer_id or dealer.commercial_partner_id
        region = dealer.dealer_region_id
        warehouses = region._get_serving_warehouses(dealer.company_id or self.env.company) if region else False
        result = {p.id: {"state": "out", "qty": 0.0, "expected_date": False} for p in self}
        if not warehouses or not self:
            return result
        for product, qty, reserved in self.env["stock.quant"]._read_group(
            [
                ("product_id", "in", self.ids),
                ("location_id.usage", "=", "internal"),
                ("location_id.warehouse_id", "in", warehouses.ids),
            ],
            ["product_id"],
            ["quantity:sum", "reserved_quantity:sum"],
        ):
            result[product.id]["qty"] = max(qty - reserved, 0.0)
        safety = dict(
            self.env["stock.safety.stock"]._read_group(
                [("product_id", "in", self.ids), ("warehouse_id", "in", warehouses.ids)],
                ["product_id"],
                ["quantity:sum"],
            )
        )
        low_qty = self._get_dealer_low_qty()
        for product in self:
            info = result[product.id]
            threshold = safety.get(product, low_qty)
            if info["qty"] <= 0:
                info["state"] = "out"
            elif info["qty"] < threshold:
                info["state"] = "low"
            else:
                info["state"] = "in_stock"
        waiting = [pid for pid, info in result.items() if info["state"] != "in_stock"]
        if waiting:
            for product, date in self.env["stock.move"]._read_group(
                [
                    ("product_id", "in", waiting),
                    ("state", "not in", ("draft", "done", "cancel")),
                    ("location_dest_id.warehouse_id", "in", warehouses.ids),
                    ("location_id.warehouse_id", "not in", warehouses.ids),
                ],
                ["product_id"],
                ["date:min"],
            ):
                result[product.id]["expected_date"] = fields.Datetime.to_datetime(date).date() if date else False
        return result

    @api.model
    def _get_dealer_low_qty(self):
        value = self.env["ir.config_parameter"].sudo().get_param("stock_alerts.low_stock_qty")
        try:
            return float(value) if value else DEFAULT_LOW_QTY
        except ValueError:
            return DEFAULT_LOW_QTY
