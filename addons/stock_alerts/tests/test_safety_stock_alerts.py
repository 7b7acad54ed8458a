from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import StockAlertsCase


class TestSafetyStockAlerts(StockAlertsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kettle = cls._product("Alert Kettle")

    def _alerts(self, product):
        return self.env["stock.alert"].search([("product_id", "=", product.id)])

    # ------------------------------------------------------------
    # BAD INPUT
    # ------------------------------------------------------------

    def test_negative_safety_stock_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"), self.env.cr.savepoint():
            self._rule(self.kettle, self.w1, -5)
        self.assertFalse(self.env["stock.safety.stock"].search([("product_id", "=", self.kettle.id)]))

    def test_zero_or_negative_lead_time_is_refused(self):
        for lead_time in (0, -2):
            with self.assertRaisesRegex(ValidationError, "at least one day"), self.env.cr.savepoint():
                self._rule(self.kettle, self.w1, 5, lead_time_days=lead_time)

    def test_warehouse_without_region_gives_a_configuration_warning(self):
        self.assertFalse(self.w1.stock_alerts_config_warning)
        lonely = self.env["stock.warehouse"].create({"name": "Lonely Warehouse", "code": "TWL"})
        self.assertIn("No sales region", lonely.stock_alerts_config_warning)
        alerts = self.env["stock.alert"]._generate_alerts(self.env["stock.safety.stock"])
        config = alerts.filtered(lambda a: a.warehouse_id == lonely)
        self.assertEqual(config.alert_type, "config")
        self.assertIn("Lonely Warehouse", config.message)
        again = self.env["stock.alert"]._generate_alerts(self.env["stock.safety.stock"])
        self.assertFalse(again.filtered(lambda a: a.warehouse_id == lonely))

    # ------------------------------------------------------------
    # ALERTS
    # ------------------------------------------------------------

    def test_alert_only_when_available_falls_below_safety_stock(self):
        rule = self._rule(self.kettle, self.w1, 40)
        self._set_stock(self.kettle, self.w1, 40)
        self.assertFalse(self.env["stock.alert"]._generate_alerts(rule), "exactly at safety stock: no alert")
        self._set_stock(self.kettle, self.w1, -1)
        alert = self.env["stock.alert"]._generate_alerts(rule)
        self.assertEqual(len(alert), 1)
        self.assertEqual((alert.available_qty, alert.safety_qty, alert.shortage_qty), (39, 40, 1))
        self.assertEqual(alert.alert_date, self.today)

    def test_reserved_stock_does_not_count_as_available(self):
        rule = self._rule(self.kettle, self.w1, 40)
        self._set_stock(self.kettle, self.w1, 50)
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": self.w1.out_type_id.id,
                "location_id": self.w1.lot_stock_id.id,
                "location_dest_id": self.customer_location.id,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "reserve",
                            "product_id": self.kettle.id,
                            "product_uom_qty": 20,
                            "product_uom": self.kettle.uom_id.id,
                            "location_id": self.w1.lot_stock_id.id,
                            "location_dest_id": self.customer_location.id,
                        },
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        alert = self.env["stock.alert"]._generate_alerts(rule)
        self.assertEqual(alert.available_qty, 30)

    def test_same_product_warehouse_and_day_alerts_once(self):
        rule = self._rule(self.kettle, self.w1, 40)
        first = self.env["stock.alert"]._generate_alerts(rule)
        second = self.env["stock.alert"]._generate_alerts(rule)
        self.assertEqual(len(first), 1)
        self.assertFalse(second)
        self.assertEqual(len(self._alerts(self.kettle)), 1)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            first.copy()

    def test_alert_schedules_an_activity_for_the_warehouse_manager_and_a_digest(self):
        rule = self._rule(self.kettle, self.w1, 40)
        alert = self.env["stock.alert"]._generate_alerts(rule)
        self.assertEqual(alert.responsible_id, self.stock_manager)
        self.assertEqual(alert.activity_ids.user_id, self.stock_manager)
        self.env["stock.alert"]._send_digest()
        mail = self.env["mail.mail"].search([("email_to", "=", self.stock_manager.email)])
        self.assertEqual(len(mail), 1)
        self.assertIn("Alert Kettle", mail.body_html)
        alert.action_done()
        self.assertEqual(alert.state, "done")
        self.assertFalse(alert.activity_ids)

    def test_product_responsible_gets_the_activity_without_warehouse_manager(self):
        self.kettle.responsible_id = self.sales_a
        alert = self.env["stock.alert"]._generate_alerts(self._rule(self.kettle, self.w2, 40))
        self.assertEqual(alert.activity_ids.user_id, self.sales_a)

    # ------------------------------------------------------------
    # SAFETY STOCK AND REPLENISHMENT
    # ------------------------------------------------------------

    def test_computed_safety_stock_uses_demand_variability_and_lead_time(self):
        # 56 days (8 weeks) alternating 10 and 0 sold: sigma 5; z 2, lead time 4 days: 2 x 5 x 2 = 20.
        for n in range(1, 57):
            if n % 2:
                self._deliver(self.kettle, self.w1, 10, self._days_ago(n))
        rule = self._rule(self.kettle, self.w1, 0, mode="computed", service_level_z=2.0, lead_time_days=4)
        rule.action_compute_safety_stock()
        self.assertAlmostEqual(rule.quantity, 20.0)

    def test_replenishment_suggestion_covers_lead_time_demand_with_minimum_and_pack(self):
        # 7 a day over the last 8 weeks: 49 over a 7-day lead time.
        for n in range(1, 57):
            self._deliver(self.kettle, self.w1, 7, self._days_ago(n))
        self._set_stock(self.kettle, self.w1, 20)
        rule = self._rule(self.kettle, self.w1, 30, lead_time_days=7, min_order_qty=50, pack_size=25)
        suggestion = self.env["stock.replenishment.suggestion"]._generate(rule)
        self.assertAlmostEqual(suggestion.forecast_qty, 49.0)
        # Need 49 + 30 - 20 = 59: above the minimum 50, rounded up to packs of 25.
        self.assertEqual(suggestion.suggested_qty, 75)
        suggestion.action_create_orderpoint()
        orderpoint = suggestion.orderpoint_id
        self.assertEqual(orderpoint.warehouse_id, self.w1)
        self.assertEqual(orderpoint.location_id, self.w1.lot_stock_id)
        self.assertAlmostEqual(orderpoint.product_min_qty, 79.0)
        self.assertAlmostEqual(orderpoint.product_max_qty, 95.0)
        self.assertEqual(orderpoint.qty_multiple, 25)

    def test_product_without_history_forecasts_zero_and_orders_up_to_safety_stock(self):
        self._set_stock(self.kettle, self.w1, 5)
        rule = self._rule(self.kettle, self.w1, 30, min_order_qty=0, pack_size=0)
        suggestion = self.env["stock.replenishment.suggestion"]._generate(rule)
        self.assertEqual((suggestion.forecast_qty, suggestion.suggested_qty), (0.0, 25.0))
        rule.write({"mode": "computed"})
        rule.action_compute_safety_stock()
        self.assertEqual(rule.quantity, 0.0)

    def test_warehouse_counts_its_open_alerts(self):
        self._rule(self.kettle, self.w1, 40)
        self.env["stock.alert"]._generate_alerts()
        before = self.w1.stock_alert_count
        self.assertGreaterEqual(before, 1)
        action = self.w1.action_view_stock_alerts()
        self.assertEqual(self.env["stock.alert"].search_count(action["domain"] + [("state", "=", "open")]), before)
