from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.dealer_base.tests.common import DealerCase


@tagged("post_install", "-at_install")
class TestDealerDeliverySecurity(DealerCase):
    """Deliveries and stock moves follow the orders: own or team dealers for a salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Walk-in Customer"})
        orders = cls.env["sale.order"]
        for partner in (cls.dealer_a, cls.dealer_b, cls.customer):
            orders |= orders.create(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 2})],
                }
            )
        orders.action_confirm()
        cls.picking_a, cls.picking_b, cls.picking_customer = (order.picking_ids for order in orders)

    def _visible(self, user, records):
        return records.with_user(user).search([("id", "in", records.ids)])

    def test_salesperson_sees_only_own_dealers_deliveries(self):
        self.assertTrue(self.picking_b.move_ids.move_line_ids)
        pickings = self.picking_a | self.picking_b | self.picking_customer
        self.assertEqual(self._visible(self.sales_a, pickings), self.picking_a | self.picking_customer)
        self.assertEqual(self._visible(self.sales_a2, pickings), self.picking_a | self.picking_customer)
        self.assertEqual(self._visible(self.sales_b, pickings), self.picking_b | self.picking_customer)
        self.assertFalse(self._visible(self.sales_a, self.picking_b.move_ids))
        self.assertFalse(self._visible(self.sales_a, self.picking_b.move_ids.move_line_ids))
        self.assertFalse(self._visible(self.sales_a, self.picking_b.group_id))
        self.assertTrue(self._visible(self.sales_a, self.picking_a.move_ids))
        self.assertTrue(self._visible(self.sales_a, self.picking_customer.move_ids.move_line_ids))
        with self.assertRaises(AccessError):
            self.picking_b.with_user(self.sales_a).read(["name", "partner_id"])
        with self.assertRaises(AccessError):
            self.picking_b.move_ids.with_user(self.sales_a).read(["product_uom_qty"])
        self.assertEqual(self.picking_a.with_user(self.sales_a).read(["name"])[0]["name"], self.picking_a.name)

    def test_warehouse_and_plain_sales_users_keep_odoos_visibility(self):
        pickings = self.picking_a | self.picking_b | self.picking_customer
        # A warehouse user who is also a salesperson of its own dealers ships every delivery.
        keeper = new_test_user(
            self.env, "t_dealer_keeper", groups="dealer_base.group_dealer_user,stock.group_stock_user"
        )
        self.assertEqual(self._visible(keeper, pickings), pickings)
        self.assertEqual(self._visible(keeper, pickings.move_ids), pickings.move_ids)
        # It ships dealer B's goods sent without an order (the order itself follows Odoo's sales rules).
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.env.company.id)], limit=1)
        shipment = self.env["stock.picking"].create(
            {
                "partner_id": self.dealer_b.id,
                "picking_type_id": warehouse.out_type_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": self.product.name,
                            "product_id": self.product.id,
                            "product_uom_qty": 1,
                            "location_id": warehouse.lot_stock_id.id,
                            "location_dest_id": self.env.ref("stock.stock_location_customers").id,
                        }
                    )
                ],
            }
        )
        shipment.action_confirm()
        self.assertNotIn(shipment, shipment.with_user(self.sales_a).search([("id", "=", shipment.id)]))
        shipment.with_user(keeper).button_validate()
        self.assertEqual(shipment.state, "done")
        # Users without a dealer group have exactly Odoo's rights.
        salesman = new_test_user(self.env, "t_plain_salesman", groups="sales_team.group_sale_salesman")
        self.assertEqual(self._visible(salesman, pickings), pickings)
        self.assertEqual(self._visible(salesman, pickings.move_ids), pickings.move_ids)
        self.assertEqual(self._visible(self.manager, pickings), pickings)
