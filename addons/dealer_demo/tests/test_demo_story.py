"""The demo brand's story, as make run installs it with every add-on.

With demo data the story is there; without, each class makes it first (the
story is made once per database), so the story builder is tested both ways.
"""

from odoo import fields
from odoo.tests import HttpCase, tagged

from .test_payment_order_tour import PaymentOrderTour
from .test_payment_topup_tour import PaymentTopupTour


@tagged("post_install", "-at_install")
class TestDealerDemo(PaymentOrderTour, PaymentTopupTour, HttpCase):
    """The demo database a newcomer opens with make run, and the tours of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["dealer.demo"]._load_demo()

    def test_story_is_made_once(self):
        counts = {model: self.env[model].search_count([]) for model in ("res.company", "sale.order", "res.users")}
        self.env["dealer.demo"]._load_demo()
        self.assertEqual(counts, {model: self.env[model].search_count([]) for model in counts})

    def test_demo_dealers_levels_regions_and_sub_dealer(self):
        dealers = self.env["res.partner"].search([("dealer_code", "in", [f"D00{n}" for n in range(1, 7)])])
        self.assertEqual(len(dealers), 6)
        self.assertEqual(set(dealers.mapped("dealer_state")), {"active"})
        self.assertEqual(len(dealers.dealer_level_id), 3)
        self.assertEqual(len(dealers.dealer_region_id), 6)
        sub = self.env.ref("dealer_demo.dealer_4")
        self.assertEqual(sub.dealer_parent_id, self.env.ref("dealer_demo.dealer_3"))
        company = self.env.ref("dealer_demo.brand_company")
        self.assertEqual(company.currency_id.name, "CNY")
        codes = set(self.env["stock.warehouse"].search([("company_id", "=", company.id)]).mapped("code"))
        self.assertEqual(codes, {"SH", "GZ", "BJ"})
        self.assertGreaterEqual(self.env["product.product"].search_count([("default_code", "=like", "__-0%")]), 40)

    def test_demo_has_a_year_of_invoiced_history(self):
        dealer = self.env.ref("dealer_demo.dealer_1")
        orders = self.env["sale.order"].search([("partner_id", "=", dealer.id), ("state", "=", "sale")])
        months = {o.date_order.strftime("%Y-%m") for o in orders}
        self.assertGreaterEqual(len(months), 12)
        invoices = orders.invoice_ids.filtered(lambda m: m.state == "posted")
        self.assertGreaterEqual(len(invoices), 20)
        self.assertTrue(any(inv.payment_state in ("paid", "in_payment") for inv in invoices))
        delivered = orders.picking_ids.filtered(lambda p: p.state == "done")
        self.assertGreaterEqual(len(delivered), 20)

    def test_demo_dealers_have_valid_invoice_details_and_issued_vat_invoices(self):
        dealers = [self.env.ref(f"dealer_demo.dealer_{n}") for n in range(1, 7)]
        for dealer in dealers:
            self.assertFalse(dealer._dealer_invoice_missing(), dealer.name)
            self.assertFalse(dealer._dealer_invoice_errors(dealer._dealer_invoice_details()), dealer.name)
        self.assertEqual(dealers[0].dealer_invoice_default_type, "special")
        invoices = self.env["account.move"].search(
            [("partner_id", "=", dealers[0].id), ("move_type", "=", "out_invoice"), ("state", "=", "posted")]
        )
        special = invoices.filtered(lambda move: move.dealer_invoice_type == "special")
        self.assertGreaterEqual(len(special), 20)
        self.assertEqual(set(special.mapped("dealer_invoice_tax_number")), {"91310115MA1H8X000D"})
        self.assertTrue(any(invoices.mapped("dealer_vat_invoice_number")))

    def test_demo_portal_logins_work(self):
        for n in range(1, 7):
            login = f"dealer{n}"
            self.authenticate(login, login)
            response = self.url_open("/my/orders")
            self.assertEqual(response.status_code, 200, login)
            user = self.env["res.users"].search([("login", "=", login)])
            self.assertTrue(user._is_portal())
            self.assertEqual(user.partner_id.dealer_id, self.env.ref(f"dealer_demo.dealer_{n}"))

    def test_demo_invoices_fall_due_and_dealer_6_is_overdue(self):
        invoices = self.env["account.move"].search(
            [("partner_id", "=", self.env.ref("dealer_demo.dealer_6").id), ("move_type", "=", "out_invoice")]
        )
        for invoice in invoices:
            self.assertEqual((invoice.invoice_date_due - invoice.invoice_date).days, 30, invoice.name)
        overdue = invoices.filtered(
            lambda m: m.payment_state == "not_paid" and m.invoice_date_due < fields.Date.today()
        )
        self.assertTrue(overdue, "dealer 6 leaves recent invoices unpaid past their due date")

    def test_demo_dealers_have_limits_a_deposit_and_scores(self):
        company = self.env.ref("dealer_demo.brand_company", raise_if_not_found=False)
        self.assertTrue(company, "the dealer_demo story is installed")
        dealer_6 = self.env.ref("dealer_demo.dealer_6").with_company(company)
        info = dealer_6._dealer_credit_info(company)
        self.assertGreater(info["limit"], 0)
        self.assertLess(info["available"], 0, "dealer 6 leaves its invoices unpaid and is over its limit")
        dealer_1 = self.env.ref("dealer_demo.dealer_1").with_company(company)
        self.assertGreater(dealer_1.dealer_deposit_balance, 0)
        for n in range(1, 7):
            dealer = self.env.ref(f"dealer_demo.dealer_{n}")
            self.assertTrue(dealer.with_company(company).credit_limit)
            self.assertIn(dealer.dealer_credit_score, ("A", "B", "C", "D"))

    def test_demo_order_of_dealer_over_limit_goes_on_hold(self):
        company = self.env.ref("dealer_demo.brand_company")
        dealer_6 = self.env.ref("dealer_demo.dealer_6")
        order = (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": dealer_6.id,
                    "company_id": company.id,
                    "order_line": [(0, 0, {"product_id": self.env.ref("dealer_demo.product_ka_001").id})],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(order.credit_state, "hold")
        self.assertEqual(order.state, "draft")

    def _brand_order(self, n, product="product_ka_003", qty=30):
        company = self.env.ref("dealer_demo.brand_company")
        dealer = self.env.ref(f"dealer_demo.dealer_{n}")
        return (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": dealer.id,
                    "company_id": company.id,
                    "order_line": [
                        (0, 0, {"product_id": self.env.ref(f"dealer_demo.{product}").id, "product_uom_qty": qty})
                    ],
                }
            )
        )

    def test_demo_dealers_in_good_standing_confirm_at_once_and_dealer_6_is_held(self):
        scores = {n: self.env.ref(f"dealer_demo.dealer_{n}").dealer_credit_score for n in range(1, 7)}
        self.assertTrue(all(scores[n] in ("A", "B") for n in range(1, 6)), scores)
        self.assertEqual(scores[6], "D")
        order = self._brand_order(1)
        self.assertEqual(order._get_dealer_review_reasons(), [])
        self.assertTrue(order._dealer_review_and_confirm())
        self.assertEqual(order.state, "sale")
        held = self._brand_order(6)
        reasons = held._get_dealer_review_reasons()
        company = self.env.ref("dealer_demo.brand_company")
        self.assertGreater(held.partner_id._dealer_credit_info(company)["overdue"], 0)
        self.assertIn(held._dealer_review_credit_reason(), reasons)
        self.assertFalse(held._dealer_review_and_confirm())
        self.assertEqual(held.state, "draft")

    def test_demo_brand_runs_on_the_chinese_localization(self):
        company = self.env.ref("dealer_demo.brand_company")
        self.assertEqual(company.chart_template, "cn")
        self.assertEqual(company.currency_id.name, "CNY")
        self.assertTrue(company.logo)
        self.assertEqual(company.account_sale_tax_id.amount, 13.0)
        rates = set(self.env["account.tax"].search([("company_id", "=", company.id)]).mapped("amount"))
        self.assertLessEqual({13.0, 9.0, 6.0}, rates)
        product = self.env.ref("dealer_demo.product_ka_001")
        self.assertEqual(product.taxes_id.filtered(lambda t: t.company_id == company), company.account_sale_tax_id)
        users = self.env["res.users"].search([("login", "in", ["admin", "sales_east", "dealer1", "dealer1_buyer"])])
        self.assertEqual(set(users.mapped("tz")), {"Asia/Shanghai"})

    def test_demo_dealers_see_only_the_brands_range_named_in_chinese(self):
        dealer = self.env.ref("dealer_demo.dealer_1")
        range_categ = self.env.ref("dealer_demo.categ_appliances")
        products = self.env["product.product"].search([("sale_ok", "=", True)])
        authorised = products.filtered_domain(dealer._dealer_portal_authorised_domain())
        self.assertTrue(authorised)
        self.assertFalse(authorised.filtered(lambda p: not p.categ_id.parent_path.startswith(range_categ.parent_path)))
        self.assertFalse(dealer._dealer_get_unauthorised(self.env.ref("dealer_demo.product_ka_001")))
        cooker = self.env.ref("dealer_demo.product_ka_001")
        self.assertEqual(cooker.with_context(lang="zh_CN").name, "电饭煲 3L")
        self.assertEqual(cooker.with_context(lang="en_US").name, "Rice Cooker 3L")
        self.authenticate("dealer1", "dealer1")
        for search in ("电饭煲", "Rice Cooker"):
            page = self.url_open(f"/my/dealer/catalog?search={search}").text
            self.assertIn("KA-001", page, search)

    def test_demo_stock_is_never_negative(self):
        company = self.env.ref("dealer_demo.brand_company")
        negative = self.env["stock.quant"].search(
            [("company_id", "=", company.id), ("location_id.usage", "=", "internal"), ("quantity", "<", 0)]
        )
        self.assertFalse(negative, negative.mapped("display_name"))
        north = self.env.ref("dealer_demo.warehouse_north")
        quants = self.env["stock.quant"].search([("location_id", "child_of", north.lot_stock_id.id)])
        free = {}
        for quant in quants:
            free[quant.product_id] = free.get(quant.product_id, 0.0) + quant.quantity - quant.reserved_quantity
        self.assertTrue(any(qty < 50 for qty in free.values()), "a few items run short in the north")
        self.assertFalse([p.display_name for p, qty in free.items() if qty < 0])

    def test_demo_silver_dealers_buy_no_spare_parts(self):
        parts = self.env.ref("dealer_demo.product_ap_001")
        cooker = self.env.ref("dealer_demo.product_ka_001")
        for n in (4, 6):
            dealer = self.env.ref(f"dealer_demo.dealer_{n}")
            self.assertEqual(dealer._dealer_get_unauthorised(parts | cooker), parts)
        self.assertFalse(self.env.ref("dealer_demo.dealer_1")._dealer_get_unauthorised(parts | cooker))
