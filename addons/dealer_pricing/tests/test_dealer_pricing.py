from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DealerPricingCase


@tagged("post_install", "-at_install")
class TestDealerPricing(DealerPricingCase):
    def test_dealer_gets_its_own_pricelist_on_its_level(self):
        pricelist = self.dealer_a.dealer_pricelist_id
        self.assertTrue(pricelist)
        self.assertEqual(self.dealer_a.property_product_pricelist, pricelist)
        fallback = pricelist.item_ids.filtered(lambda i: i.applied_on == "3_global")
        self.assertEqual(fallback.base_pricelist_id, self.pricelist_gold)
        # A contact's orders use its dealer's price list too.
        self.assertEqual(self.portal_a.partner_id.property_product_pricelist, pricelist)

    def test_dealer_keeps_its_pricelist_where_a_channel_keeps_only_its_own(self):
        # An online shop keeps only its own price lists as its customers' (Odoo's hook, inside
        # a shop request): a dealer and its contacts keep their price list, a customer does not.
        self._price(self.dealer_a, 80.0)
        shop = self.env["product.pricelist"].create({"name": "Test Shop", "company_id": False})
        retail = self.env["product.pricelist"].create({"name": "Test Retail", "company_id": False})
        customer = self.env["res.partner"].create({"name": "Test Retail Customer"})
        customer.property_product_pricelist = retail
        Pricelist = type(self.env["product.pricelist"])
        self.patch(Pricelist, "_get_partner_pricelist_multi_filter_hook", lambda pricelists: pricelists & shop)
        self.patch(
            Pricelist, "_get_partner_pricelist_multi_search_domain_hook", lambda _self, _company: [("id", "=", shop.id)]
        )
        self.env.invalidate_all()
        self.assertEqual(customer.property_product_pricelist, shop)
        self.assertEqual(self.dealer_a.property_product_pricelist, self.dealer_a.dealer_pricelist_id)
        self.assertEqual(self.portal_a.partner_id.property_product_pricelist, self.dealer_a.dealer_pricelist_id)
        order = self._sale(self.dealer_a, [(self.product, 1)])
        self.assertEqual(order.pricelist_id, self.dealer_a.dealer_pricelist_id)
        self.assertEqual(order.order_line.price_unit, 80.0)
        self.assertEqual(self._sale(customer, [(self.product, 1)]).pricelist_id, shop)

    def test_saving_settings_keeps_the_dealer_price_lists(self):
        # Saving any settings (Odoo does it when a second warehouse is created) archives every
        # price list unless the price list feature is on: dealer_pricing keeps it on.
        self.assertIn(self.env.ref("product.group_product_pricelist"), self.env.ref("base.group_user").implied_ids)
        self.env["res.config.settings"].create({}).execute()
        self.assertTrue(self.dealer_a.dealer_pricelist_id.active)
        self.assertEqual(self._sale(self.dealer_a, [(self.product, 1)]).pricelist_id, self.dealer_a.dealer_pricelist_id)

    def test_precedence_dealer_price_then_level_then_list_price(self):
        self._price(self.dealer_a, 80.0)
        order = self._sale(self.dealer_a, [(self.product, 1), (self.product_part, 1)])
        self.assertEqual(order.order_line.mapped("price_unit"), [80.0, 176.0])
        # Dealer B has no agreed price: its level price list applies.
        order_b = self._sale(self.dealer_b, [(self.product, 1)])
        self.assertEqual(order_b.order_line.price_unit, 88.0)
        # A level without price list: the company's list price.
        self.dealer_b.dealer_level_id = self.level_plain
        order_b2 = self._sale(self.dealer_b, [(self.product, 1)])
        self.assertEqual(order_b2.order_line.price_unit, 100.0)
        self.assertEqual(order_b2.order_line.dealer_price_rule, "Company list price")

    def test_quantity_breaks_on_dealer_and_level_prices(self):
        self._price(self.dealer_a, 80.0)
        self._price(self.dealer_a, 75.0, min_quantity=10)
        order = self._sale(
            self.dealer_a, [(self.product, 9), (self.product, 10), (self.product_part, 99), (self.product_part, 100)]
        )
        self.assertEqual(order.order_line.mapped("price_unit"), [80.0, 75.0, 176.0, 172.0])
        explanations = order.order_line.mapped("dealer_price_rule")
        self.assertIn("break ≥ 10 units", explanations[1])
        self.assertIn("list price −12%", explanations[2])
        self.assertIn("list price −14%, break ≥ 100 units", explanations[3])

    def test_validity_window_boundaries_in_dealer_timezone(self):
        # Dealer A is in Asia/Shanghai (UTC+8): March 1st starts at Feb 28th 16:00 UTC.
        self._price(self.dealer_a, 80.0, date_start=date(2026, 3, 1), date_end=date(2026, 3, 31))
        cases = [
            ("2026-02-28 15:59:59", 88.0),
            ("2026-02-28 16:00:00", 80.0),
            ("2026-03-31 15:59:59", 80.0),
            ("2026-03-31 16:00:00", 88.0),
        ]
        for when, expected in cases:
            order = self._sale(self.dealer_a, [(self.product, 1)], date_order=self._utc(when))
            self.assertEqual(order.order_line.price_unit, expected, when)

    def test_bad_prices_are_rejected(self):
        with self.assertRaises(ValidationError):
            self._price(self.dealer_a, 0.0)
        with self.assertRaises(ValidationError):
            self._price(self.dealer_a, -5.0)
        self._price(self.dealer_a, 80.0, date_start=date(2026, 1, 1), date_end=date(2026, 6, 30))
        with self.assertRaises(ValidationError):
            self._price(self.dealer_a, 79.0, date_start=date(2026, 6, 30))
        with self.assertRaises(ValidationError):
            self._price(self.dealer_a, 79.0)
        # Adjacent windows and other quantity breaks do not overlap.
        self._price(self.dealer_a, 79.0, date_start=date(2026, 7, 1))
        self._price(self.dealer_a, 70.0, min_quantity=50)

    def test_order_line_and_invoice_line_have_the_same_price(self):
        self._price(self.dealer_a, 81.5)
        self._price(self.dealer_a, 77.25, min_quantity=10)
        order = self._sale(self.dealer_a, [(self.product, 3), (self.product, 12), (self.product_part, 100)])
        order.action_confirm()
        invoice = order._create_invoices()
        for line in order.order_line:
            self.assertEqual(line.invoice_lines.price_unit, line.price_unit)
        self.assertEqual(invoice.invoice_line_ids.mapped("price_unit"), [81.5, 77.25, 172.0])

    def test_price_change_alert_and_refresh(self):
        price = self._price(self.dealer_a, 80.0)
        order = self._sale(self.dealer_a, [(self.product, 1)])
        self.assertFalse(order.dealer_price_outdated)
        price.price = 78.0
        # The alert is computed when the order is read, as on each page load.
        order.invalidate_recordset(["dealer_price_outdated"])
        self.assertTrue(order.dealer_price_outdated)
        self.assertIn("Test Kettle", order.dealer_price_outdated_lines)
        self.assertEqual(order.order_line.price_unit, 80.0, "a price never changes by itself")
        order.action_dealer_refresh_prices()
        self.assertEqual(order.order_line.price_unit, 78.0)
        self.assertIn("78", order.order_line.dealer_price_rule)
        self.assertFalse(order.dealer_price_outdated)

    def test_confirmed_order_keeps_its_price(self):
        price = self._price(self.dealer_a, 80.0)
        order = self._sale(self.dealer_a, [(self.product, 1)])
        order.action_confirm()
        price.price = 70.0
        order.invalidate_recordset(["dealer_price_outdated"])
        self.assertFalse(order.dealer_price_outdated)
        with self.assertRaises(UserError):
            order.action_dealer_refresh_prices()
        self.assertEqual(order.order_line.price_unit, 80.0)

    def test_dealer_price_rules_are_changed_only_through_dealer_prices(self):
        price = self._price(self.dealer_a, 80.0)
        with self.assertRaisesRegex(UserError, "Dealer Prices"):
            price.pricelist_item_id.fixed_price = 1.0
        with self.assertRaises(UserError):
            price.pricelist_item_id.unlink()
        price.active = False
        self.assertFalse(price.pricelist_item_id)
        self.assertEqual(self._sale(self.dealer_a, [(self.product, 1)]).order_line.price_unit, 88.0)

    def test_price_history_records_every_change(self):
        price = self._price(self.dealer_a, 80.0)
        price.with_user(self.sales_a).price = 82.0
        history = self.env["dealer.price.history"].search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual(history.mapped("change_type"), ["write", "create"])
        self.assertEqual((history[0].old_price, history[0].new_price, history[0].user_id), (80.0, 82.0, self.sales_a))
        price.unlink()
        last = self.env["dealer.price.history"].search([("dealer_id", "=", self.dealer_a.id)], limit=1)
        self.assertEqual((last.change_type, last.old_price), ("unlink", 82.0))

    def test_prices_written_together_each_get_their_price_rule_and_history(self):
        kettle = self._price(self.dealer_a, 80.0)
        lid = self._price(self.dealer_b, 150.0, product=self.product_part, min_quantity=5)
        prices = (kettle | lid).with_user(self.manager)
        prices._dealer_write_each([{"price": 78.0}, {"price": 140.0, "date_end": date(2026, 12, 31)}])
        self.assertEqual((kettle.price, lid.price, lid.date_end), (78.0, 140.0, date(2026, 12, 31)))
        self.assertEqual(kettle.pricelist_item_id.fixed_price, 78.0)
        self.assertEqual((lid.pricelist_item_id.fixed_price, lid.pricelist_item_id.min_quantity), (140.0, 5.0))
        self.assertEqual(lid.pricelist_item_id.date_end, lid._date_to_utc(date(2026, 12, 31), end=True))
        self.assertEqual(self._sale(self.dealer_a, [(self.product, 1)]).order_line.price_unit, 78.0)
        history = self.env["dealer.price.history"].search(
            [("dealer_id", "in", (self.dealer_a | self.dealer_b).ids), ("change_type", "=", "write")]
        )
        self.assertEqual(
            sorted((h.product_id.default_code, h.old_price, h.new_price, h.date_end, h.user_id.id) for h in history),
            [
                ("T-KETTLE", 80.0, 78.0, False, self.manager.id),
                ("T-LID", 150.0, 140.0, date(2026, 12, 31), self.manager.id),
            ],
        )

    def test_prices_written_together_check_access_to_each(self):
        kettle_a = self._price(self.dealer_a, 80.0)
        kettle_b = self._price(self.dealer_b, 70.0)
        with self.assertRaises(AccessError):
            (kettle_a | kettle_b).with_user(self.sales_a)._dealer_write_each([{"price": 1.0}, {"price": 2.0}])
        self.assertEqual((kettle_a.price, kettle_b.price), (80.0, 70.0))

    def test_level_pricelist_change_follows_to_dealers(self):
        other = self.env["product.pricelist"].create(
            {
                "name": "Test Silver",
                "item_ids": [
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 8})
                ],
            }
        )
        self.level_gold.pricelist_id = other
        order = self._sale(self.dealer_b, [(self.product, 1)])
        self.assertEqual(order.order_line.price_unit, 92.0)

    def test_pricing_cost_does_not_grow_with_lines(self):
        products = self.env["product.product"].create(
            [{"name": f"Bulk {i}", "default_code": f"T-B{i:03d}", "list_price": 10.0 + i} for i in range(100)]
        )
        for product in products[:50]:
            self._price(self.dealer_a, 5.0, product=product)
        small = self._sale(self.dealer_a, [(p, 1) for p in products[::10]])
        large = self._sale(self.dealer_a, [(p, 1) for p in products])
        counts = []
        for order in (small, large):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            prices = order.order_line._dealer_get_current_prices()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertFalse([line for line in order.order_line if line._dealer_price_differs(prices[line][0])])
        self.assertEqual(len(small.order_line), 10)
        self.assertEqual(counts[0], counts[1], "pricing 100 lines costs the queries of 10")
        self.env.invalidate_all()
        with self.assertQueryCount(counts[1]):
            large.order_line._dealer_get_current_prices()
        # Odoo's own repricing of the lines (Update Prices, Refresh Prices) is batched the same way.
        counts = []
        for order in (small, large):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            order.order_line.with_context(force_price_recomputation=True)._compute_price_unit()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "repricing 100 lines costs the queries of 10")
