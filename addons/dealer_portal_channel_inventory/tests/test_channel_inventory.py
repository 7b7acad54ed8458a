import re
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.security_crawler import PortalCrawler
from odoo.addons.dealer_channel_inventory.models.dealer_stock_report import DealerStockReportError
from odoo.addons.dealer_channel_inventory.tests.channel_common import ChannelCase
from odoo.addons.dealer_portal_channel_inventory.controllers import channel_inventory


@tagged("post_install", "-at_install")
class TestChannelInventoryPortal(HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.p1.write({"dealer_pack_qty": 6, "dealer_min_qty": 12})
        # Dealer A bought T-CH-1 and T-CH-2: they are the rows of its grid.
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.dealer_a.id,
                "order_line": [
                    Command.create({"product_id": cls.p1.id, "product_uom_qty": 12}),
                    Command.create({"product_id": cls.p2.id, "product_uom_qty": 1}),
                ],
            }
        )
        order.action_confirm()
        order.picking_ids.action_cancel()

    def _csrf(self, url):
        page = self.url_open(url)
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_grid_lists_bought_products_and_refuses_bad_rows_without_saving(self):
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/inventory")
        self.assertEqual(page.status_code, 200)
        self.assertIn("T-CH-1", page.text)
        self.assertIn("T-CH-2", page.text)
        self.assertNotIn("T-CH-3", page.text)
        data = {
            "csrf_token": self._csrf("/my/dealer/inventory"),
            "period": str(self.week0),
            f"onhand_{self.p1.id}": "8",
            f"sold_{self.p1.id}": "2",
            f"onhand_{self.p2.id}": "-1",
            f"sold_{self.p2.id}": "1",
        }
        response = self.url_open("/my/dealer/inventory", data=data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("cannot be negative", response.text)
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))
        data[f"onhand_{self.p2.id}"] = "1"
        response = self.url_open("/my/dealer/inventory", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_inventory_saved", response.text)
        report = self.Report.search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual(report.source, "portal")
        self.assertEqual(sorted(report.line_ids.mapped("onhand_qty")), [1, 8])

    def test_stock_is_reported_only_for_products_of_the_authorised_assortment(self):
        self.env["dealer.assortment.rule"].create(
            {"dealer_id": self.dealer_a.id, "rule_type": "exclude", "product_id": self.p2.id}
        )
        rows = [
            {"ref": "1", "sku": "T-CH-1", "period": self._week(0), "on_hand": 5, "sold": 1},
            {"ref": "2", "sku": "T-CH-2", "period": self._week(0), "on_hand": 5, "sold": 1},
        ]
        with self.assertRaises(DealerStockReportError) as caught:
            self.Report._submit_rows(self.dealer_a, rows, "api")
        self.assertEqual(
            caught.exception.errors,
            [
                (
                    "2",
                    "[T-CH-2] Channel Kettle 2 is not in your authorised assortment: "
                    "report only the products you may buy.",
                )
            ],
        )
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))
        # Dealer B may buy it, so it reports it.
        self.Report._submit_rows(self.dealer_b, rows, "api")
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/inventory")
        self.assertIn("T-CH-1", page.text)
        self.assertNotIn("T-CH-2", page.text)

    def test_crawler_finds_no_other_dealers_data_in_the_stock_report_pages(self):
        self._report(self.dealer_a, [(self.p1, 3, 5)], self._week(0))
        self._report(self.dealer_b, [(self.p1, 4, 10), (self.p2, 1, 3)], self._week(0))
        self.Stock._refresh(dealers=self.dealer_a | self.dealer_b)
        self.authenticate("t_portal_a", "t_portal_a")
        markers = [self.dealer_b.dealer_code, self.dealer_b.name]
        crawler = PortalCrawler(
            self, self.dealer_a, self.dealer_b, markers, modules={"dealer_portal_channel_inventory"}
        )
        findings = crawler.crawl()
        self.assertFalse(findings, "\n".join(findings))
        self.assertIn("/my/dealer/inventory", {url for _method, url in crawler.visited})

    def test_post_without_csrf_token_is_refused(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open("/my/dealer/inventory", data={f"onhand_{self.p1.id}": "8"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))

    def test_suggestions_with_their_reasoning_go_to_the_cart_in_one_click(self):
        # 10 sold a week x 4 weeks target - 9 in stock - 12 on order = 19, rounded up to packs of 6 = 24.
        self._report(self.dealer_a, [(self.p1, 9, 10)], self._week(0))
        self._report(self.dealer_b, [(self.p2, 1, 50)], self._week(0))
        self.authenticate("t_portal_a", "t_portal_a")
        home = self.url_open("/my/dealer")
        self.assertIn("o_dealer_suggestion_qty", home.text)
        self.assertIn("packs of 6", home.text)
        self.assertNotIn("T-CH-2", home.text.split('id="dealer_home_suggestions"')[1])
        response = self.url_open("/my/dealer/suggestions/cart", data={"csrf_token": self._csrf("/my/dealer")})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_dealer_suggestions_added", response.text)
        cart = self.dealer_a._dealer_portal_cart(user=self.portal_a, create=False)
        self.assertEqual({line.product_id: line.product_uom_qty for line in cart.order_line}, {self.p1: 24})

    def test_home_shows_the_largest_suggestions_and_the_button_adds_them_all(self):
        self._report(self.dealer_a, [(self.p1, 9, 10), (self.p3, 0, 50)], self._week(0))
        self.authenticate("t_portal_a", "t_portal_a")
        with patch.object(channel_inventory, "HOME_SUGGESTIONS", 1):
            panel = self.url_open("/my/dealer").text.split('id="dealer_home_suggestions"')[1]
            self.assertEqual(panel.count('class="o_dealer_suggestion"'), 1)
            self.assertIn("T-CH-3", panel, "the largest suggestion first")
            self.assertIn("Show all 2 suggested lines", panel)
            panel = self.url_open("/my/dealer?suggestions=all").text.split('id="dealer_home_suggestions"')[1]
            self.assertEqual(panel.count('class="o_dealer_suggestion"'), 2)
            self.assertNotIn("o_dealer_suggestions_all", panel)
            self.url_open("/my/dealer/suggestions/cart", data={"csrf_token": self._csrf("/my/dealer")})
        cart = self.dealer_a._dealer_portal_cart(user=self.portal_a, create=False)
        self.assertEqual(cart.order_line.product_id, self.p1 | self.p3)

    def test_suggestions_go_to_no_cart_of_a_user_without_the_buyer_role(self):
        self._report(self.dealer_a, [(self.p1, 9, 10)], self._week(0))
        accountant = self._create_portal_user(self.dealer_a, "t_accountant_ch")
        self.env["dealer.user.role"].create(
            {"user_id": accountant.id, "partner_id": self.dealer_a.id, "is_accountant": True}
        )
        self.authenticate("t_accountant_ch", "t_accountant_ch")
        response = self.url_open("/my/dealer/suggestions/cart", data={"csrf_token": self._csrf("/my/dealer")})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(self.env["sale.order"].search([("dealer_cart_user_id", "=", accountant.id)]))

    def test_dealer_never_sees_or_orders_another_dealers_suggestions(self):
        self._report(self.dealer_b, [(self.p1, 1, 50)], self._week(0))
        self.authenticate("t_portal_a", "t_portal_a")
        self.assertNotIn("o_dealer_suggestion_qty", self.url_open("/my/dealer").text)
        self.url_open("/my/dealer/suggestions/cart", data={"csrf_token": self._csrf("/my/dealer/inventory")})
        self.assertFalse(self.dealer_a._dealer_portal_cart(user=self.portal_a, create=False).order_line)
        self.assertFalse(self.dealer_b._dealer_portal_cart(user=self.portal_a, create=False))

    def test_csv_template_lists_the_grid_products(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open(f"/my/dealer/inventory/template.csv?period={self.week0}")
        self.assertEqual(response.status_code, 200)
        lines = response.content.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0], "sku,period,on hand,sold")
        self.assertIn(f"T-CH-1,{self._week(0)},,", lines)

    def test_grid_tour(self):
        self.start_tour("/my/dealer/inventory", "dealer_portal_channel_grid_tour", login="t_portal_a", timeout=120)
        report = self.Report.search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual({line.product_id: line.onhand_qty for line in report.line_ids}, {self.p1: 14, self.p2: 2})

    def test_upload_tour(self):
        self.start_tour("/my/dealer/inventory", "dealer_portal_channel_upload_tour", login="t_portal_a", timeout=120)
        report = self.Report.search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual(report.source, "upload")
        self.assertEqual(len(report.line_ids), 2)

    def test_suggestions_tour(self):
        self._report(self.dealer_a, [(self.p1, 9, 10)], self._week(0))
        self.start_tour("/my/dealer", "dealer_portal_channel_suggestions_tour", login="t_portal_a", timeout=120)
        cart = self.dealer_a._dealer_portal_cart(user=self.portal_a, create=False)
        self.assertEqual(cart.order_line.product_uom_qty, 24)
