from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import StockAlertsCase


class TestStockAlertsSecurity(StockAlertsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kettle = cls._product("Secure Kettle")
        cls.stock_user = new_test_user(cls.env, "t_stock_user", groups="stock.group_stock_user")
        cls.rule = cls._rule(cls.kettle, cls.w1, 40)
        cls.alert = cls.env["stock.alert"]._generate_alerts(cls.rule)

    def test_stock_user_works_alerts_but_does_not_edit_safety_stock(self):
        self.alert.with_user(self.stock_user).action_done()
        self.assertEqual(self.alert.state, "done")
        self.assertEqual(self.rule.with_user(self.stock_user).quantity, 40)
        with self.assertRaises(AccessError):
            self.rule.with_user(self.stock_user).manual_qty = 0
        self.rule.with_user(self.stock_manager).manual_qty = 10
        self.assertEqual(self.rule.quantity, 10)

    def test_portal_and_sales_users_cannot_read_alerts(self):
        for user in (self.portal_a, self.sales_a):
            with self.assertRaises(AccessError):
                self.alert.with_user(user).read(["product_id"])

    def test_other_company_alerts_are_invisible(self):
        other = self.env["res.company"].create({"name": "Other Brand"})
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", other.id)], limit=1)
        rule = self.env["stock.safety.stock"].create(
            {
                "product_id": self.kettle.id,
                "warehouse_id": warehouse.id,
                "company_id": other.id,
                "manual_qty": 5,
                "lead_time_days": 3,
            }
        )
        alert = self.env["stock.alert"].with_company(other)._generate_alerts(rule)
        self.assertEqual(alert.company_id, other)
        visible = self.env["stock.alert"].with_user(self.stock_user).search([("product_id", "=", self.kettle.id)])
        self.assertEqual(visible, self.alert)

    def test_salesperson_confirms_a_dealer_order_split_across_warehouses(self):
        self._set_stock(self.kettle, self.w1, 2)
        self._set_stock(self.kettle, self.w2, 10)
        order = (
            self.env["sale.order"]
            .with_user(self.sales_a)
            .create(
                {
                    "partner_id": self.dealer_a.id,
                    "warehouse_id": self.w1.id,
                    "order_line": [Command.create({"product_id": self.kettle.id, "product_uom_qty": 5})],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(len(order.sudo().picking_ids), 2)
        self.assertIn(self.w2.name, str(order.stock_allocation_html))

    def test_stock_user_checks_stock_now(self):
        self._set_stock(self.kettle, self.w2, 1)
        self._rule(self.kettle, self.w2, 30)
        alerts = self.env["stock.alert"].with_user(self.stock_user)._generate_alerts()
        self.assertIn((self.kettle, self.w2), [(a.product_id, a.warehouse_id) for a in alerts])
