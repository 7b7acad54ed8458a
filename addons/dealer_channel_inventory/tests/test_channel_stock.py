from datetime import timedelta

import psycopg2

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .channel_common import ChannelCase


@tagged("post_install", "-at_install")
class TestChannelStock(ChannelCase):
    def test_up_to_date_dealer_stock_is_its_report_plus_deliveries_since(self):
        self._report(self.dealer_a, [(self.p1, 30, 10)], self._week(1))
        self._report(self.dealer_a, [(self.p1, 20, 10)], self._week(0))
        self._ship(self.dealer_a, self.p1, 15, self.week0 + timedelta(days=7))
        row = self._stock(self.dealer_a, self.p1)
        self.assertFalse(row.is_estimated)
        self.assertEqual(row.reported_qty, 20)
        self.assertEqual(row.shipped_qty, 15)
        self.assertEqual(row.channel_qty, 35)
        self.assertAlmostEqual(row.weekly_sellout, 10)
        self.assertAlmostEqual(row.cover_weeks, 3.5)
        # 4 target weeks x 10 - 35 in stock = 5 to order.
        self.assertAlmostEqual(row.need_qty, 5)
        self.assertEqual(row.suggested_qty, 5)
        self.assertEqual(row.status, "ok")
        self.assertIn("4 weeks target x 10 sold per week = 40", row.reasoning)

    def test_late_dealer_stock_is_estimated_from_its_own_average(self):
        week2 = self.week0 - timedelta(weeks=2)
        self._report(self.dealer_b, [(self.p1, 50, 14)], self._week(2))
        self._ship(self.dealer_b, self.p1, 6, week2 + timedelta(days=8))
        row = self._stock(self.dealer_b, self.p1)
        days = (self.today - (week2 + timedelta(days=6))).days
        self.assertTrue(row.is_estimated)
        self.assertAlmostEqual(row.weekly_sellout, 14)
        self.assertAlmostEqual(row.estimated_sold_qty, 2 * days)
        self.assertAlmostEqual(row.channel_qty, max(50 + 6 - 2 * days, 0))
        self.assertIn("estimated stock", row.reasoning)

    def test_products_delivered_but_never_reported_are_estimated_without_forecast(self):
        self._ship(self.dealer_a, self.p3, 12, self.today - timedelta(days=3))
        row = self._stock(self.dealer_a, self.p3)
        self.assertTrue(row.is_estimated)
        self.assertEqual(row.channel_qty, 12)
        self.assertEqual(row.status, "unreported")
        self.assertEqual(row.suggested_qty, 0)

    def test_cover_thresholds_are_strict_at_their_boundaries(self):
        # 10 sold per week; alert below 2 weeks, overstocked above 10 weeks.
        self._report(
            self.dealer_a,
            [(self.p1, 20, 10), (self.p2, 19, 10), (self.p3, 100.5, 10)],
            self._week(0),
        )
        self.Stock._refresh(dealers=self.dealer_a)
        status = {row.product_id: row.status for row in self.Stock.search([("dealer_id", "=", self.dealer_a.id)])}
        self.assertEqual(status[self.p1], "ok")
        self.assertEqual(status[self.p2], "at_risk")
        self.assertEqual(status[self.p3], "overstock")
        self._report(self.dealer_a, [(self.p3, 100, 10)], self._week(0))
        self.assertEqual(self._stock(self.dealer_a, self.p3).status, "ok")

    def test_products_that_no_longer_sell_are_slow_movers(self):
        self._report(self.dealer_a, [(self.p1, 5, 0)], self._week(1))
        self._report(self.dealer_a, [(self.p1, 5, 0)], self._week(0))
        row = self._stock(self.dealer_a, self.p1)
        self.assertEqual(row.status, "slow")
        self.assertEqual(row.suggested_qty, 0)

    def test_open_orders_reduce_the_suggestion(self):
        self._report(self.dealer_a, [(self.p1, 10, 10)], self._week(0))
        self.assertEqual(self._stock(self.dealer_a, self.p1).suggested_qty, 30)
        order = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [Command.create({"product_id": self.p1.id, "product_uom_qty": 25})],
            }
        )
        order.action_confirm()
        row = self._stock(self.dealer_a, self.p1)
        self.assertEqual(row.open_qty, 25)
        self.assertEqual(row.suggested_qty, 5)

    def test_refresh_queries_do_not_grow_with_dealers(self):
        self._report(self.dealer_a, [(self.p1, 10, 10)], self._week(0))
        self.Stock._refresh(dealers=self.dealer_a)
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            self.Stock._refresh(dealers=self.dealer_a)
        self._report(self.dealer_b, [(self.p1, 10, 10), (self.p2, 3, 1)], self._week(0))
        self.env.invalidate_all()
        with self.assertQueryCount(4):
            self.Stock._refresh(dealers=self.dealer_a | self.dealer_b)

    def test_cover_alert_once_per_dealer_product_and_week(self):
        self._report(self.dealer_a, [(self.p1, 5, 10), (self.p2, 50, 10)], self._week(0))
        self.Stock._refresh(dealers=self.dealer_a)
        alerts = self.env["dealer.cover.alert"]._generate(dealers=self.dealer_a)
        self.assertEqual(alerts.product_id, self.p1)
        self.assertEqual(alerts.user_id, self.sales_a)
        self.assertEqual(alerts.activity_ids.user_id, self.sales_a)
        self.assertAlmostEqual(alerts.cover_weeks, 0.5)
        # The next run of the same week adds nothing.
        self.Stock._refresh(dealers=self.dealer_a)
        self.assertFalse(self.env["dealer.cover.alert"]._generate(dealers=self.dealer_a))
        # And the database refuses a duplicate written by any other path.
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint():
            self.env["dealer.cover.alert"].create(
                {"dealer_id": self.dealer_a.id, "product_id": self.p1.id, "period_start": alerts.period_start}
            )

    def test_compliance_lists_late_dealers_and_reminds_them_once(self):
        self._report(self.dealer_a, [(self.p1, 5, 1)], self._week(0))
        self._report(self.dealer_b, [(self.p1, 5, 1)], self._week(2))
        Compliance = self.env["dealer.report.compliance"]
        rows = {
            row.dealer_id: row for row in Compliance.search([("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)])
        }
        self.assertTrue(rows[self.dealer_a].reported)
        self.assertFalse(rows[self.dealer_b].reported)
        reminded = Compliance._remind_late_dealers()
        self.assertIn(self.dealer_b, reminded.dealer_id)
        self.assertNotIn(self.dealer_a, reminded.dealer_id)
        self.assertEqual(self.dealer_b.channel_reminded_period_end, rows[self.dealer_b].period_end)
        mail = self.env["mail.mail"].search([("email_to", "=", self.dealer_b.email)])
        self.assertTrue(mail)
        self.assertFalse(Compliance._remind_late_dealers() & Compliance.browse(self.dealer_b.id))

    def test_channel_view_reads_are_grouped_whatever_the_number_of_rows(self):
        self._report(self.dealer_a, [(self.p1, 5, 10), (self.p2, 50, 1)], self._week(0))
        self._report(self.dealer_b, [(self.p1, 20, 10), (self.p2, 0, 0), (self.p3, 9, 3)], self._week(0))
        self.Stock._refresh(dealers=self.dealer_a | self.dealer_b)
        domain = [("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)]
        self.env.invalidate_all()
        with self.assertQueryCount(8):
            overview = self.Stock._get_channel_overview(domain)
        self.assertEqual(overview["channel_qty"], 84)
        self.assertEqual([d["name"] for d in overview["at_risk_dealers"]], [self.dealer_a.display_name])
        self.assertEqual(overview["status"]["overstock"]["count"], 1)

    def test_lots_near_expiry_in_the_dealer_channel_are_flagged(self):
        customers = self.env.ref("stock.stock_location_customers")
        product = self.env["product.product"].create(
            {
                "name": "Channel Yoghurt",
                "default_code": "T-CH-LOT",
                "is_storable": True,
                "tracking": "lot",
                "use_expiration_date": True,
            }
        )
        Lot = self.env["stock.lot"]
        near = Lot.create(
            {"name": "NEAR", "product_id": product.id, "expiration_date": self.today + timedelta(days=10)}
        )
        far = Lot.create({"name": "FAR", "product_id": product.id, "expiration_date": self.today + timedelta(days=400)})
        self._report(self.dealer_a, [(product, 4, 2)], self._week(1))
        self._report(self.dealer_b, [(product, 4, 2)], self._week(1))
        for dealer, lot in ((self.dealer_a, near), (self.dealer_b, far)):
            self.env["stock.quant"]._update_available_quantity(product, self.warehouse.lot_stock_id, 6, lot_id=lot)
            picking = self.env["stock.picking"].create(
                {
                    "partner_id": dealer.id,
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "location_id": self.warehouse.lot_stock_id.id,
                    "location_dest_id": customers.id,
                    "move_ids": [
                        Command.create(
                            {
                                "name": product.name,
                                "product_id": product.id,
                                "product_uom": product.uom_id.id,
                                "product_uom_qty": 6,
                                "location_id": self.warehouse.lot_stock_id.id,
                                "location_dest_id": customers.id,
                            }
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
            self.assertEqual(picking.move_line_ids.lot_id, lot)
            picking.move_ids.picked = True
            picking._action_done()
        self.Stock._refresh(dealers=self.dealer_a | self.dealer_b)
        flagged = self.Stock.search(
            [("dealer_id", "in", (self.dealer_a | self.dealer_b).ids), ("near_expiry_qty", ">", 0)]
        )
        self.assertEqual(flagged.dealer_id, self.dealer_a)
        self.assertEqual(flagged.product_id, product)
        self.assertEqual(flagged.near_expiry_qty, 6)
