from datetime import timedelta

from odoo import fields
from odoo.tests import Form, tagged

from .test_order_payment_common import OrderPaymentCase


@tagged("post_install", "-at_install")
class TestPaymentCredit(OrderPaymentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An overdue invoice: every new order of dealer A goes on credit hold.
        cls.overdue = cls._move(cls, cls.dealer_a, 50.0, fields.Date.today() - timedelta(days=60))

    def _submitted(self, **vals):
        order = self._order_of(self.dealer_a, qty=2, dealer_payment_method="online", **vals)
        order.action_dealer_submit_for_dealer()
        return order

    def _skip_credit(self, value):
        settings = Form(self.env["res.config.settings"])
        settings.dealer_payment_paid_orders_skip_credit = value
        settings.save().execute()

    def test_settings_default_on_and_toggle(self):
        self.assertTrue(self.env["res.config.settings"].create({}).dealer_payment_paid_orders_skip_credit)
        self._skip_credit(False)
        self.assertFalse(self.env["res.config.settings"].create({}).dealer_payment_paid_orders_skip_credit)
        self._skip_credit(True)
        self.assertTrue(self.env["res.config.settings"].create({}).dealer_payment_paid_orders_skip_credit)

    def test_held_order_paid_online_in_full_is_confirmed(self):
        order = self._submitted()
        self.assertEqual((order.state, order.dealer_review_state), ("draft", "review"))
        self.assertTrue(order._dealer_payment_due_amounts()[order.id])
        self.assertFalse(order._dealer_credit_is_paid())
        self._done(self._transaction(order))
        self.assertTrue(order._dealer_credit_is_paid())
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.dealer_review_state, "approved")

    def test_partial_pending_authorized_or_failed_payments_change_nothing(self):
        order = self._submitted()
        self._done(self._transaction(order, amount=order.amount_total / 2))
        pending = self._transaction(order)
        pending._set_pending()
        pending._post_process()
        failed = self._transaction(order)
        failed._set_error("declined")
        failed._post_process()
        self.assertFalse(order._dealer_credit_is_paid())
        # A pending payment marks the quotation sent, as Odoo does; it stays held.
        self.assertIn(order.state, ("draft", "sent"))
        self.assertEqual(order.dealer_review_state, "review")
        # An authorized (not captured) payment: still held, the credit rules still apply.
        self.provider.support_manual_capture = "full_only"
        authorized = self._transaction(order, amount=order.amount_total / 2)
        authorized._set_authorized()
        authorized._post_process()
        self.assertFalse(order._dealer_credit_is_paid())
        self.assertIn(order.state, ("draft", "sent"))

    def test_setting_off_paid_order_keeps_the_credit_rules(self):
        self._skip_credit(False)
        order = self._submitted()
        self._done(self._transaction(order))
        self.assertFalse(order._dealer_credit_is_paid())
        self.assertEqual((order.state, order.dealer_review_state), ("draft", "review"))

    def test_order_held_for_more_than_credit_stays_under_review_once_paid(self):
        order = self._submitted()
        order.order_line.product_uom_qty = 5000  # more than the stock: the review holds it too
        self._done(self._transaction(order))
        self.assertEqual((order.state, order.dealer_review_state), ("draft", "review"))
        self.assertTrue(order.message_ids.filtered(lambda m: "still waits for the review" in m.body))

    def test_paid_order_does_not_use_the_dealers_credit(self):
        self.overdue.button_draft()
        self.overdue.button_cancel()
        before = self.dealer_a._dealer_credit_info(self.company)["used"]
        order = self._confirmed_order()
        self.assertAlmostEqual(self.dealer_a._dealer_credit_info(self.company)["used"], before + order.amount_total)
        self._done(self._transaction(order))
        self.assertAlmostEqual(self.dealer_a._dealer_credit_info(self.company)["used"], before)
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertAlmostEqual(self.dealer_a._dealer_credit_info(self.company)["used"], before)

    def test_invoice_paid_online_counts_as_paid_on_time_for_the_score(self):
        today = fields.Date.today()
        invoice = self._move(self.dealer_a, 120.0, today)
        invoice.invoice_date_due = today + timedelta(days=10)
        self._done(self._transaction(invoices=invoice, amount=120.0))
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        history = self.dealer_a._dealer_payment_history(self.company)[self.dealer_a.id]
        # Paid today in the user's time zone, as the payment is dated.
        self.assertIn((invoice.invoice_date_due, fields.Date.context_today(invoice)), history)

    def test_credit_check_of_a_paid_order_takes_no_more_queries(self):
        order = self._submitted()
        self._done(self._transaction(order, amount=order.amount_total / 2))
        order.invalidate_model()
        with self.assertQueryCount(__system__=2):
            order._dealer_credit_is_paid()

    def test_payment_never_confirms_a_cart_or_an_order_waiting_for_the_dealers_approver(self):
        cart = self._cart_with(self.buyer_a)
        self._done(self._transaction(cart))
        self.assertEqual(cart.state, "draft")
        waiting = self._order_of(self.dealer_a, qty=2)
        waiting.dealer_approval_state = "waiting"
        self._done(self._transaction(waiting))
        self.assertIn(waiting.state, ("draft", "sent"))
