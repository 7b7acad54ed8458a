from odoo.addons.dealer_base.tests import non_dealer


class TestNonDealerRebate(non_dealer.NonDealerCase):
    """Odoo's users and a retail customer with dealer_rebate installed."""

    allow_inherited_tests_method = True

    def test_retail_invoices_accrue_no_rebate(self):
        order = self._sell_as_salesman(self.customer)
        invoice = self._post_and_pay_as_billing(self._invoice_as_salesman(order))
        self.assertEqual(invoice.state, "posted")
        self.assertFalse(self.env["dealer.rebate.accrual"].search([("dealer_id", "=", self.customer.id)]))
