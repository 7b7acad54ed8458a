import odoo
from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerCatalog(HttpCase, DealerPortalCase):
    def test_catalog_lists_authorised_products_at_the_dealers_price_with_breaks(self):
        # The catalog's numbers are the ones an order line gets in the back office.
        prices = self.kettle._dealer_portal_prices(self.pricelist_a)[self.kettle.id]
        order = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [
                    Command.create({"product_id": self.kettle.id, "product_uom_qty": 1}),
                    Command.create({"product_id": self.kettle.id, "product_uom_qty": 10}),
                ],
            }
        )
        self.assertEqual(prices, (order.order_line[0].price_unit, [(10.0, order.order_line[1].price_unit)]))
        self.assertEqual(prices, (100.0, [(10.0, 80.0)]))
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/catalog?search=PT-").text
        for code in ("PT-KETTLE", "PT-FAN", "PT-CUPS"):
            self.assertIn(code, page)
        self.assertNotIn("PT-PAN", page)
        self.assertIn("o_dealer_catalog_break", page)
        self.assertIn("o_dealer_stock_in", page)
        # Dealer B has no exclusion and no agreed price.
        self.authenticate("t_portal_b", "t_portal_b")
        page_b = self.url_open("/my/dealer/catalog?search=PT-").text
        self.assertIn("PT-PAN", page_b)
        self.assertNotIn("o_dealer_catalog_break", page_b)

    def test_availability_badge_only_for_known_states(self):
        def badge(state):
            availability = {self.kettle.id: {"state": state, "qty": None, "expected_date": False}}
            html = self.env["ir.qweb"]._render(
                "dealer_portal.portal_dealer_availability", {"availability": availability, "product": self.kettle}
            )
            return str(html)

        self.assertIn("o_dealer_stock_in", badge("in_stock"))
        self.assertIn("o_dealer_stock_low", badge("low"))
        self.assertIn("o_dealer_stock_out", badge("out"))
        self.assertNotIn("badge", badge("unknown"))

    def test_catalog_finds_products_by_their_chinese_or_english_name(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.portal_a.lang = "zh_CN"
        self.kettle.product_tmpl_id.update_field_translations("name", {"zh_CN": "测试电热水壶"})
        self.authenticate("t_portal_a", "t_portal_a")
        for search in ("电热水壶", self.kettle.with_context(lang="en_US").name[:8]):
            page = self.url_open(f"/my/dealer/catalog?search={search}").text
            self.assertIn("PT-KETTLE", page, search)
            self.assertIn("测试电热水壶", page, search)
            self.assertNotIn("PT-FAN", page, search)

    def test_catalog_finds_products_by_barcode_and_category(self):
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/catalog?search=6900000000017").text
        self.assertIn("PT-KETTLE", page)
        self.assertNotIn("PT-FAN", page)
        other = self.env["product.category"].create({"name": "Portal Other"})
        self.fan.categ_id = other
        page = self.url_open(f"/my/dealer/catalog?category={other.id}").text
        self.assertIn("PT-FAN", page)
        self.assertNotIn("PT-KETTLE", page)

    def test_authorised_domain_matches_the_assortment_rules(self):
        sub = self.env["product.category"].create({"name": "Portal Sub", "parent_id": self.categ.id})
        self.fan.categ_id = sub
        level = self.dealer_a.dealer_level_id
        Rule = self.env["dealer.assortment.rule"]
        Rule.create({"level_id": level.id, "rule_type": "exclude", "categ_id": self.categ.id})
        Rule.create({"dealer_id": self.dealer_a.id, "rule_type": "include", "categ_id": sub.id})
        Rule.create({"level_id": level.id, "rule_type": "include", "product_id": self.cups.id})
        products = self.kettle | self.fan | self.cups | self.pan
        for dealer in (self.dealer_a, self.dealer_b):
            domain = [("id", "in", products.ids), *dealer._dealer_portal_authorised_domain()]
            self.assertEqual(
                self.env["product.product"].search(domain), products - dealer._dealer_get_unauthorised(products)
            )
        self.assertEqual(
            self.env["product.product"].search(
                [("id", "in", products.ids), *self.dealer_a._dealer_portal_authorised_domain()]
            ),
            self.fan | self.cups,
        )

    def test_catalog_page_queries_do_not_grow_with_the_number_of_products(self):
        many = self.env["product.category"].create({"name": "Portal Many"})
        few = self.env["product.category"].create({"name": "Portal Few"})
        products = self.env["product.product"].create(
            [
                dict(self._product_vals(f"PT-M{i:03d}", f"Many {i}", 10.0 + i), categ_id=(many if i < 24 else few).id)
                for i in range(27)
            ]
        )
        for product in products[::2]:
            self.env["stock.quant"]._update_available_quantity(product, self.warehouse.lot_stock_id, 5)
        # Both pages hold a product with an agreed price and a quantity break.
        self.env["dealer.price"].create(
            [
                {"dealer_id": self.dealer_a.id, "product_id": products[i].id, "price": 9.0, "min_quantity": 5}
                for i in (0, 24)
            ]
        )
        # Pricing and stock of one page: the same queries for 3 and for 24 products.
        self.env.invalidate_all()
        page_few = products.filtered(lambda p: p.categ_id == few)
        page_many = products.filtered(lambda p: p.categ_id == many)
        self.assertEqual(len(page_many), 24)
        for page in (page_few, page_many):  # ormcaches (precisions, currencies) warmed up
            page._dealer_portal_prices(self.pricelist_a)
            page._dealer_availability(self.dealer_a)
        counts = []
        for page in (page_few, page_many):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            page._dealer_portal_prices(self.pricelist_a)
            page._dealer_availability(self.dealer_a)
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], "pricing a page must not query per product")
        self.env.invalidate_all()
        with self.assertQueryCount(22):
            page_many._dealer_portal_prices(self.pricelist_a)
            page_many._dealer_availability(self.dealer_a)
        # The whole page, rendered for the portal user: same count for 3 and 24 products.
        self.authenticate("t_portal_a", "t_portal_a")
        urls = [f"/my/dealer/catalog?category={few.id}", f"/my/dealer/catalog?category={many.id}"]
        for url in urls:
            self.url_open(url)  # templates and caches warmed up
        http_counts = []
        for url in urls:
            self.env.invalidate_all()
            before = odoo.sql_db.sql_counter
            response = self.url_open(url)
            http_counts.append(odoo.sql_db.sql_counter - before)
            self.assertEqual(response.status_code, 200)
        self.assertIn("PT-M023", response.text)
        self.assertEqual(http_counts[0], http_counts[1], "the catalog page must not query per product")

    def test_many_lines_are_added_at_once_all_or_nothing(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        response = self._post(
            "/my/dealer/catalog/add",
            {f"qty_{self.kettle.id}": "5", f"qty_{self.cups.id}": "7", f"qty_{self.fan.id}": "1"},
        )
        self.assertIn("sold in packs of 6", response.text)
        self.assertFalse(cart.order_line)
        self._post("/my/dealer/catalog/add", {f"qty_{self.kettle.id}": "5", f"qty_{self.cups.id}": "12"})
        self.assertEqual(
            {line.product_id: line.product_uom_qty for line in cart.order_line}, {self.kettle: 5, self.cups: 12}
        )

    def test_excluded_product_cannot_be_added_through_the_catalog_form(self):
        self.authenticate("t_portal_a", "t_portal_a")
        response = self._post("/my/dealer/catalog/add", {f"qty_{self.pan.id}": "1", f"qty_{self.kettle.id}": "1"})
        self.assertIn("not in your authorised assortment", response.text)
        self.assertFalse(self._cart(self.dealer_a, self.portal_a).order_line)
