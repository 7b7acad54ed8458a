from odoo.tests import HttpCase, new_test_user, tagged

from .common import StockAlertsCase


@tagged("post_install", "-at_install")
class TestStockAlertsTour(HttpCase, StockAlertsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A warehouse manager working in the company of the test warehouses.
        cls.tour_user = new_test_user(
            cls.env,
            "t_stock_alerts_tour",
            groups="base.group_user,stock.group_stock_manager",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.kettle = cls._product("Tour Kettle")
        # W1 is 38 below its safety stock; W2 holds 60 more than its own.
        cls._set_stock(cls.kettle, cls.w1, 2)
        cls._set_stock(cls.kettle, cls.w2, 80)
        cls.rules = cls._rule(cls.kettle, cls.w1, 40, min_order_qty=50) | cls._rule(cls.kettle, cls.w2, 20)
        cls.env["stock.alert"]._generate_alerts(cls.rules)
        cls.env["stock.replenishment.suggestion"]._generate(cls.rules)
        cls.env["stock.transfer.suggestion"]._generate(cls.rules)

    def test_alert_to_reorder_rule_and_transfer_in_the_back_office(self):
        """Inventory > Stock Alerts: see and close the alert, then one click each for the reorder rule
        and for the transfer."""
        self.start_tour("/odoo", "stock_alerts_back_office_tour", login=self.tour_user.login, timeout=180)
        alert = self.env["stock.alert"].search([("product_id", "=", self.kettle.id)])
        self.assertEqual(alert.state, "done")
        replenishment = self.env["stock.replenishment.suggestion"].search([("product_id", "=", self.kettle.id)])
        self.assertEqual(replenishment.state, "done")
        self.assertEqual(replenishment.orderpoint_id.warehouse_id, self.w1)
        self.assertEqual(replenishment.orderpoint_id.product_min_qty, 40)
        transfer = self.env["stock.transfer.suggestion"].search([("product_id", "=", self.kettle.id)])
        self.assertEqual(transfer.state, "done")
        self.assertEqual(transfer.picking_id.location_id, self.w2.lot_stock_id)
        self.assertEqual(transfer.picking_id.location_dest_id, self.w1.lot_stock_id)
        self.assertEqual(transfer.picking_id.move_ids.product_uom_qty, 38)
