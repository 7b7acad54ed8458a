"""The demo brand (dealer_demo), as make run installs it with every add-on.

Its own module's tests build their own data: these run where the demo is
installed (make test), not in a database without demo data.
"""

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDealerDemo(HttpCase):
    """The demo database a newcomer opens with make run."""

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
