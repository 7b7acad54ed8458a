from odoo.addons.dealer_base.tests import non_dealer


class TestNonDealerCredit(non_dealer.NonDealerCase):
    """Odoo's users and a retail customer with dealer_credit installed: Odoo's own credit
    limit warns and counts, it never holds a customer outside the dealer channel."""

    allow_inherited_tests_method = True

    def test_retail_customer_over_its_limit_is_warned_and_confirmed_as_in_odoo(self):
        self.company.account_use_credit_limit = True
        self.customer.credit_limit = 100.0
        quotation = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [(0, 0, {"product_id": self.goods.id, "product_uom_qty": 3})],
                }
            )
        )
        self.assertEqual(
            quotation.partner_credit_warning,
            self.env["account.move"]._build_credit_warning_message(
                quotation, current_amount=quotation.amount_total / quotation.currency_rate
            ),
        )
        self.assertTrue(quotation.partner_credit_warning)
        quotation.action_confirm()
        self.assertEqual(quotation.state, "sale")
        self.assertEqual(quotation.credit_state, "none")
        self.assertFalse(quotation.dealer_credit_available)
        self.customer.invalidate_recordset(["credit", "credit_to_invoice"])
        self.assertEqual(self.customer.credit_to_invoice, self._odoo_credit_to_invoice(self.customer))
        self.assertEqual(self.customer.credit_to_invoice, 240.0)

    def test_dealer_over_its_limit_still_goes_on_hold(self):
        self.dealer_a.credit_limit = 100.0
        order = self.dealer_order.copy()
        order.action_confirm()
        self.assertEqual((order.state, order.credit_state), ("draft", "hold"))
