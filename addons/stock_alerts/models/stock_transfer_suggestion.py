from odoo import _, api, fields, models
from odoo.exceptions import UserError


class StockTransferSuggestion(models.Model):
    """Move stock from a warehouse with surplus to one below its safety stock."""

    _name = "stock.transfer.suggestion"
    _description = "Transfer Suggestion"
    _order = "product_id, dest_warehouse_id, id"
    _check_company_auto = True

    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="cascade", check_company=True)
    source_warehouse_id = fields.Many2one(
        "stock.warehouse", string="From", required=True, ondelete="cascade", check_company=True
    )
    dest_warehouse_id = fields.Many2one(
        "stock.warehouse", string="To", required=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="dest_warehouse_id.company_id", store=True, index=True)
    shortage_qty = fields.Float(string="Shortage at Destination", digits="Product Unit of Measure", readonly=True)
    surplus_qty = fields.Float(string="Surplus at Source", digits="Product Unit of Measure", readonly=True)
    quantity = fields.Float(digits="Product Unit of Measure", required=True)
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True)
    state = fields.Selection([("new", "New"), ("done", "Transfer Created")], default="new", required=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "The quantity to transfer must be positive."),
    ]

    @api.model
    def _compute_transfers(self, rules):
        """[(product, source, destination, shortage, surplus, qty)] from the safety stock rules, batched.

        A warehouse is short by (safety - available); another warehouse of the same company has a surplus
        of (available - its own safety, 0 without a rule). Each shortage is filled from the largest
        surpluses first, each transfer being min(remaining shortage, remaining surplus).
        """
        products = rules.product_id
        warehouses = self.env["stock.warehouse"].search([("company_id", "in", rules.company_id.ids)])
        available = warehouses._get_available_qty(products)
        safety = {(r.product_id.id, r.warehouse_id.id): r.quantity for r in rules}
        result = []
        for product in products:
            levels = {
                wh: available.get((product.id, wh.id), 0.0) - safety.get((product.id, wh.id), 0.0) for wh in warehouses
            }
            shortages = sorted((wh for wh, level in levels.items() if level < 0), key=lambda w: (levels[w], w.id))
            surplus = {wh: level for wh, level in levels.items() if level > 0}
            for dest in shortages:
                missing = -levels[dest]
                sources = sorted(
                    (w for w in surplus if w.company_id == dest.company_id and surplus[w] > 0),
                    key=lambda w: (-surplus[w], w.id),
                )
                for source in sources:
                    if missing <= 0:
                        break
                    qty = min(missing, surplus[source])
                    result.append((product, source, dest, missing, surplus[source], qty))
                    surplus[source] -= qty
                    missing -= qty
        return result

    @api.model
    def _generate(self, rules=None):
        rules = rules if rules is not None else self.env["stock.safety.stock"].search([])
        self.search([("state", "=", "new"), ("product_id", "in", rules.product_id.ids)]).unlink()
        return self.create(
            [
                {
                    "product_id": product.id,
                    "source_warehouse_id": source.id,
                    "dest_warehouse_id": dest.id,
                    "shortage_qty": shortage,
                    "surplus_qty": surplus,
                    "quantity": qty,
                }
                for product, source, dest, shortage, surplus, qty in self._compute_transfers(rules)
            ]
        )

    def action_create_transfer(self):
        """One internal transfer per source and destination, from stock to stock, confirmed and reserved."""
        if self.filtered(lambda s: s.state == "done"):
            raise UserError(_("A transfer was already created from this suggestion."))
        pickings = self.env["stock.picking"]
        groups = {}
        for suggestion in self:
            groups.setdefault((suggestion.source_warehouse_id, suggestion.dest_warehouse_id), []).append(suggestion)
        for (source, dest), suggestions in groups.items():
            picking = self.env["stock.picking"].create(
                {
                    "picking_type_id": source.int_type_id.id,
                    "location_id": source.lot_stock_id.id,
                    "location_dest_id": dest.lot_stock_id.id,
                    "origin": _("Transfer suggestion %(from_wh)s → %(to_wh)s", from_wh=source.code, to_wh=dest.code),
                    "move_ids": [
                        fields.Command.create(
                            {
                                "name": s.product_id.display_name,
                                "product_id": s.product_id.id,
                                "product_uom": s.product_id.uom_id.id,
                                "product_uom_qty": s.quantity,
                                "location_id": source.lot_stock_id.id,
                                "location_dest_id": dest.lot_stock_id.id,
                            }
                        )
                        for s in suggestions
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            for s in suggestions:
                s.write({"picking_id": picking.id, "state": "done"})
            pickings |= picking
        if len(pickings) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "stock.picking",
                "res_id": pickings.id,
                "view_mode": "form",
            }
        return True
