"""An invoice paid online by its due date counts as paid on time on the dashboards (channel_analytics)
and for the credit score (dealer_credit): Odoo reconciles the online payment with the invoice."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged

from odoo.addons.dealer_payment.tests.test_order_payment_common import OrderPaymentCase


@tagged("post_install", "-at_install")
class TestOnlinePaymentOnTime(OrderPaymentCase):
    def test_invoice_paid_online_by_its_due_date_counts_as_paid_on_time(self):
        today = fields.Date.today()
        # Due yesterday (the dashboards count invoices already due), paid online two days before.
        invoice = self._move(self.dealer_a, 180.0, today - timedelta(days=5))
        invoice.invoice_date_due = today - timedelta(days=1)
        with freeze_time(today - timedelta(days=3)):
            self._done(self._transaction(invoices=invoice, amount=180.0))
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.env["channel.payment.summary"]._refresh()
        summary = self.env["channel.payment.summary"].search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual((sum(summary.mapped("invoice_count")), sum(summary.mapped("on_time_count"))), (1, 1))
        history = self.dealer_a._dealer_payment_history(self.company)[self.dealer_a.id]
        self.assertEqual(history, [(invoice.invoice_date_due, today - timedelta(days=3))])
