from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestDealerSecurity(DealerCase):
    def test_salesperson_sees_only_own_and_team_dealers(self):
        Partner = self.env["res.partner"]
        own = Partner.with_user(self.sales_a).search([("is_dealer", "=", True)])
        self.assertIn(self.dealer_a, own)
        self.assertNotIn(self.dealer_b, own)
        # A teammate sees the team's dealers; the other salesperson does not.
        self.assertIn(self.dealer_a, Partner.with_user(self.sales_a2).search([("is_dealer", "=", True)]))
        self.assertNotIn(self.dealer_a, Partner.with_user(self.sales_b).search([("is_dealer", "=", True)]))
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.sales_a).read(["name"])
        # The other dealer's contacts are hidden too.
        self.assertFalse(Partner.with_user(self.sales_a).search([("id", "=", self.portal_b.partner_id.id)]))

    def test_manager_sees_every_dealer(self):
        dealers = self.env["res.partner"].with_user(self.manager).search([("is_dealer", "=", True)])
        self.assertIn(self.dealer_a, dealers)
        self.assertIn(self.dealer_b, dealers)

    def test_portal_user_sees_only_own_dealer(self):
        Partner = self.env["res.partner"].with_user(self.portal_a)
        self.assertEqual(self.dealer_a.with_user(self.portal_a).dealer_code, "TA01")
        self.assertFalse(Partner.search([("id", "=", self.dealer_b.id)]))
        self.assertFalse(Partner.search([("dealer_code", "=", "TB01")]))
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.portal_a).read(["dealer_code"])
        with self.assertRaises(AccessError):
            self.dealer_a.with_user(self.portal_a).write({"dealer_code": "HACK"})

    def test_portal_user_sees_only_own_orders(self):
        order_a = self._order(self.dealer_a)
        order_b = self._order(self.dealer_b)
        (order_a | order_b).action_confirm()
        orders = self.env["sale.order"].with_user(self.portal_a).search([])
        self.assertIn(order_a, orders)
        self.assertNotIn(order_b, orders)
        with self.assertRaises(AccessError):
            order_b.with_user(self.portal_a).read(["name"])

    def test_portal_user_cannot_run_lifecycle_methods(self):
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.portal_b).action_dealer_reactivate()
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.portal_a)._action_dealer_suspend("x")
        self.assertEqual(self.dealer_b.dealer_state, "active")

    def test_levels_and_regions_are_read_only_outside_managers(self):
        with self.assertRaises(AccessError):
            self.level_gold.with_user(self.sales_a).write({"name": "Bronze"})
        with self.assertRaises(AccessError):
            self.region.with_user(self.portal_a).write({"name": "Mine"})
        self.level_gold.with_user(self.manager).write({"description": "Top buyers"})


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
