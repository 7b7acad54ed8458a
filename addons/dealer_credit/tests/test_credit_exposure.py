from odoo import fields
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditExposure(CreditCase):
    def _used(self, dealer):
        return dealer._dealer_credit_info(self.company)["used"]

    def test_exposure_counts_open_invoices_and_uninvoiced_orders(self):
        self.dealer_a.credit_limit = 10000.0
        self._invoice(self.dealer_a, 300.0)
        order = self._order_of(self.dealer_a, qty=2)
        self.assertEqual(self._used(self.dealer_a), 300.0, "a quotation is not exposure yet")
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        info = self.dealer_a._dealer_credit_info(self.company)
        self.assertEqual(info["used"], 500.0)
        self.assertEqual(info["limit"], 10000.0)
        self.assertEqual(info["available"], 9500.0)
        self.assertEqual(info["overdue"], 0.0)
        # Invoicing the order moves it from "not invoiced" to "receivable": no double count.
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(self._used(self.dealer_a), 500.0)
        # The dealer form shows the same figures.
        self.dealer_a.invalidate_recordset()
        self.assertEqual(self.dealer_a.dealer_credit_used, 500.0)
        self.assertEqual(self.dealer_a.dealer_credit_available, 9500.0)

    def test_partial_payment_and_credit_note_lower_exposure(self):
        invoice = self._invoice(self.dealer_a, 800.0)
        self._pay(invoice, amount=300.0)
        self.assertEqual(self._used(self.dealer_a), 500.0)
        self._invoice(self.dealer_a, 200.0, move_type="out_refund")
        self.assertEqual(self._used(self.dealer_a), 300.0)
        # A contact's invoice counts for its dealer.
        self._invoice(self.portal_a.partner_id, 50.0)
        self.assertEqual(self._used(self.dealer_a), 350.0)
        self.assertEqual(self._used(self.dealer_b), 0.0)
        # The dealer list computes every dealer's figures in one pass.
        dealers = self.dealer_a | self.dealer_b | self.portal_a.partner_id
        dealers.invalidate_recordset()
        self.assertEqual(dealers.mapped("dealer_credit_used"), [350.0, 0.0, 350.0])

    def test_foreign_currency_order_counts_in_company_currency(self):
        usd = self.env.ref("base.USD")
        if usd == self.currency:
            usd = self.env.ref("base.EUR")
        usd.active = True
        # One company-currency unit buys 0.125 USD: a USD order of 100 weighs 800.
        self.env["res.currency.rate"].create(
            {"currency_id": usd.id, "company_id": self.company.id, "rate": 0.125, "name": "2000-01-01"}
        )
        self.env["res.currency.rate"].search(
            [("currency_id", "=", usd.id), ("name", ">", "2000-01-01"), ("company_id", "in", [self.company.id, False])]
        ).unlink()
        pricelist = self.env["product.pricelist"].create({"name": "USD", "currency_id": usd.id})
        self.dealer_a.credit_limit = 1000.0
        order = self._order_of(self.dealer_a, qty=1, price=100.0, pricelist_id=pricelist.id)
        self.assertEqual(order.currency_id, usd)
        self.assertAlmostEqual(order._dealer_credit_amount(), 800.0, places=2)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertAlmostEqual(self._used(self.dealer_a), 800.0, places=2)
        second = self._order_of(self.dealer_a, qty=1, price=30.0, pricelist_id=pricelist.id)
        second.action_confirm()
        self.assertEqual(second.credit_state, "hold", "240 more in company currency exceeds the 200 left")

    def test_temporary_raise_counts_until_expiry(self):
        today = fields.Date.context_today(self.env.user)
        self.dealer_a.write({"dealer_credit_temp_limit": 500.0, "dealer_credit_temp_expiry": today})
        self.assertEqual(self.dealer_a._dealer_credit_info(self.company)["limit"], 1500.0)
        order = self._order_of(self.dealer_a, qty=12)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.dealer_a.dealer_credit_temp_expiry = fields.Date.subtract(today, days=1)
        self.assertEqual(self.dealer_a._dealer_credit_info(self.company)["limit"], 1000.0)

    def test_credit_check_query_count_does_not_grow_with_lines_or_invoices(self):
        self.dealer_a.credit_limit = 1000000.0
        self.dealer_b.credit_limit = 1000000.0
        self._invoice(self.dealer_a, 10.0)
        for _i in range(20):
            self._invoice(self.dealer_b, 10.0)
        small = self._order_of(self.dealer_a, lines=1)
        large = self._order_of(self.dealer_b, lines=30)
        counts = []
        for order in (small, large):
            # Read before counting: the count is what the check itself adds.
            order.read(["amount_total", "currency_rate", "credit_state"])
            order._dealer_credit_check()  # warms Odoo's caches (config parameters, defaults)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self.assertFalse(order._dealer_credit_check())
            counts.append(self.env.cr.sql_log_count - before)
        # The same for 1 line and 1 invoice as for 30 lines and 20 invoices: 3 queries of the check,
        # and one more where an add-on tells whether the order is already paid (_dealer_credit_is_paid).
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], 4)
        self.assertEqual(len(large.order_line), 30)
        self.assertEqual(len(self.dealer_b.invoice_ids), 20)
