from odoo import Command

from .common import StockAlertsCase


class TestAllocation(StockAlertsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kettle = cls._product("Allocated Kettle")
        cls.toaster = cls._product("Allocated Toaster")
        cls._set_stock(cls.kettle, cls.w1, 3)
        cls._set_stock(cls.kettle, cls.w2, 10)
        cls._set_stock(cls.toaster, cls.w1, 50)

    def _confirm(self, lines):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "warehouse_id": self.w1.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": qty}) for product, qty in lines
                ],
            }
        )
        order.action_confirm()
        return order

    def _shipped(self, order):
        return {
            (move.product_id, move.picking_type_id.warehouse_id): move.product_uom_qty
            for move in order.picking_ids.move_ids
        }

    def test_line_the_region_warehouse_covers_ships_from_it(self):
        order = self._confirm([(self.toaster, 5)])
        self.assertEqual(self._shipped(order), {(self.toaster, self.w1): 5})
        self.assertEqual(len(order.picking_ids), 1)

    def test_line_is_split_to_the_next_warehouse_one_delivery_per_warehouse(self):
        order = self._confirm([(self.kettle, 8), (self.toaster, 5)])
        self.assertEqual(
            self._shipped(order),
            {(self.kettle, self.w1): 3, (self.kettle, self.w2): 5, (self.toaster, self.w1): 5},
        )
        self.assertEqual(len(order.picking_ids), 2)
        self.assertEqual(order.picking_ids.picking_type_id, self.w1.out_type_id | self.w2.out_type_id)
        self.assertEqual(
            order.picking_ids.filtered(lambda p: p.picking_type_id == self.w2.out_type_id).state, "assigned"
        )
        html = str(order.stock_allocation_html)
        self.assertIn("Allocated Kettle", html)
        self.assertIn(self.w1.name, html)
        self.assertIn(self.w2.name, html)

    def test_quantity_no_warehouse_has_waits_in_the_first_warehouse(self):
        order = self._confirm([(self.kettle, 20)])
        self.assertEqual(self._shipped(order), {(self.kettle, self.w1): 10, (self.kettle, self.w2): 10})
        self.assertIn("waiting for stock", str(order.stock_allocation_html))
        self.assertEqual(order.order_line.qty_to_deliver, 20)

    def test_other_region_warehouse_is_never_used(self):
        self._set_stock(self.kettle, self.w3, 100)
        order = self._confirm([(self.kettle, 8)])
        self.assertNotIn(self.w3, order.picking_ids.picking_type_id.warehouse_id)

    def test_customer_without_region_mapping_keeps_the_order_warehouse(self):
        self.dealer_a.dealer_region_id = self.region
        order = self._confirm([(self.kettle, 8)])
        self.assertEqual(self._shipped(order), {(self.kettle, self.w1): 8})
        self.assertFalse(order.stock_allocation_html)
