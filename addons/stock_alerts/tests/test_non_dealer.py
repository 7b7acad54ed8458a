from odoo.addons.dealer_stock.tests import non_dealer_stock


class TestNonDealerStock(non_dealer_stock.NonDealerStockCase):
    """Odoo's users and a retail customer with stock_alerts installed: orders outside the
    dealer channel are shipped by Odoo's warehouse as they are."""

    allow_inherited_tests_method = True

    def test_three_step_delivery_shows_odoos_available_quantity(self):
        self.warehouse.delivery_steps = "pick_pack_ship"
        order = self._sell_as_salesman(self.customer, qty=7.0)
        pick = order.picking_ids.filtered(lambda picking: picking.location_id == self.warehouse.lot_stock_id)
        self.assertEqual(pick.move_ids.quantity, 7.0)
        line = order.order_line
        moves = line.move_ids | line.move_ids.browse(line.move_ids._rollup_move_origs())
        self.assertEqual(line.qty_available_today, sum(moves.mapped("quantity")))
        self.assertEqual(line.qty_available_today, 7.0)
        self.assertFalse(order.stock_allocation_html)
