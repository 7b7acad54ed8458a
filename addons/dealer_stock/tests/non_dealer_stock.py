from odoo.tests import Form, new_test_user

from odoo.addons.dealer_base.tests.non_dealer import NonDealerCase


class NonDealerStockCase(NonDealerCase):
    """dealer_base's NonDealerCase with Odoo's warehouse: the goods are in stock, an Inventory user
    ships and takes back. Every module that extends stock runs these tests with its own code
    installed (a subclass with ``allow_inherited_tests_method``)."""

    @classmethod
    def _goods_vals(cls):
        return dict(super()._goods_vals(), is_storable=True)

    @classmethod
    def _stock_goods(cls):
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        # A warehouse clerk who also sells, but not this order: Odoo's record rules on orders apply.
        cls.stock_user = new_test_user(
            cls.env, "t_plain_stock", groups="stock.group_stock_user,sales_team.group_sale_salesman"
        )
        cls.env["stock.quant"]._update_available_quantity(cls.goods, cls.warehouse.lot_stock_id, 50.0)

    @classmethod
    def _dealer_order_vals(cls):
        return dict(super()._dealer_order_vals(), warehouse_id=cls.warehouse.id)

    # ------------------------------------------------------------
    # Helpers acting as Odoo's users
    # ------------------------------------------------------------

    def _validate_as_stock_user(self, picking):
        # A request of its own: nothing read by the back office before is in the cache.
        self.env.invalidate_all()
        picking = picking.with_user(self.stock_user)
        for move in picking.move_ids:
            move.quantity = move.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()
        return picking

    def _return_as_stock_user(self, picking):
        wizard = Form(
            self.env["stock.return.picking"]
            .with_user(self.stock_user)
            .with_context(active_ids=picking.ids, active_id=picking.id, active_model="stock.picking")
        ).save()
        for line in wizard.product_return_moves:
            line.quantity = line.move_id.quantity
        action = wizard.action_create_returns()
        return self._validate_as_stock_user(self.env["stock.picking"].browse(action["res_id"]))

    # ------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------

    def test_plain_salesman_sees_odoos_available_quantity(self):
        order = self._sell_as_salesman(self.customer)
        # What a confirmed line shows as available: Odoo's sum over the line's moves.
        line = order.order_line
        self.assertEqual(line.qty_available_today, sum(line.move_ids.mapped("quantity")))

    def test_inventory_user_delivers_and_takes_back_a_dealers_order(self):
        line = self.dealer_order.order_line
        self.assertEqual(line.qty_available_today, sum(line.move_ids.mapped("quantity")))
        delivery = self._validate_as_stock_user(self.dealer_order.picking_ids)
        self.assertEqual(delivery.state, "done")
        delivery.read()
        self.assertEqual(line.qty_delivered, 4.0)
        receipt = self._return_as_stock_user(delivery)
        self.assertEqual(receipt.state, "done")
        self.assertEqual(line.qty_delivered, 0.0)
