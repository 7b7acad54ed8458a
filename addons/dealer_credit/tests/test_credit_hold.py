from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditHold(CreditCase):
    def test_order_within_limit_confirms(self):
        order = self._order_of(self.dealer_a, qty=10)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.credit_state, "none")

    def test_order_over_limit_goes_on_hold_with_reason(self):
        self._order_of(self.dealer_a, qty=6).action_confirm()
        order = self._order_of(self.dealer_a, qty=5)
        order.action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.credit_state, "hold")
        self.assertIn("Credit limit of Dealer A Trading exceeded", order.credit_hold_reason)
        self.assertIn("put on credit hold", order.message_ids[:1].body)
        # Confirming again (another channel, an import, RPC) changes nothing.
        order.action_confirm()
        self.assertEqual(order.state, "draft")
        # The order form and the dealer show what is left.
        self.assertEqual(order.dealer_credit_available, 400.0)

    def test_overdue_invoice_blocks_every_order(self):
        self.dealer_a.credit_limit = 100000.0
        self._invoice(self.dealer_a, 50.0, days_ago=31)
        order = self._order_of(self.dealer_a)
        order.action_confirm()
        self.assertEqual(order.credit_state, "hold")
        self.assertIn("overdue by more than 30 days", order.credit_hold_reason)
        self.assertEqual(self.dealer_a._dealer_credit_info(self.company)["overdue"], 50.0)
        # Within the allowed days it is not blocking.
        self.env["ir.config_parameter"].sudo().set_param("dealer_credit.overdue_days", 60)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_overdue_days_setting(self):
        settings = self.env["res.config.settings"].create({"dealer_credit_overdue_days": 45})
        settings.execute()
        self.assertEqual(self.env["res.partner"]._dealer_overdue_days(), 45)

    def test_score_d_holds_every_order(self):
        self.dealer_a.dealer_credit_score = "D"
        order = self._order_of(self.dealer_a)
        order.action_confirm()
        self.assertEqual(order.credit_state, "hold")
        self.assertIn("credit score D", order.credit_hold_reason)

    def test_release_confirms_that_order_once_at_the_released_amount(self):
        order = self._order_of(self.dealer_a, qty=15)
        order.action_confirm()
        self.assertEqual(order.credit_state, "hold")
        wizard = Form(
            self.env["sale.order.credit.decision"]
            .with_user(self.credit_manager)
            .with_context(default_order_id=order.id, default_decision="release")
        )
        wizard.note = "Paid by bank transfer tomorrow"
        wizard.save().action_apply()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.credit_state, "released")
        self.assertEqual(order.credit_released_amount, 1500.0)
        self.assertEqual(order.credit_decision_user_id, self.credit_manager)
        self.assertIn("Paid by bank transfer tomorrow", order.message_ids[:1].body)
        # Growing the released order beyond the credit is refused.
        # assertRaises (unlike assertRaisesRegex) rolls the failed write back, as a real request would.
        with self.assertRaises(UserError) as refused:
            order.order_line.product_uom_qty = 16
        self.assertIn("cannot be increased", str(refused.exception))
        self.assertEqual(order.amount_total, 1500.0)
        # The release covered that order only: the next one is held again.
        other = self._order_of(self.dealer_a, qty=1)
        other.action_confirm()
        self.assertEqual(other.credit_state, "hold")

    def test_reject_cancels_and_blocks_the_order(self):
        order = self._order_of(self.dealer_a, qty=15)
        order.action_confirm()
        order.with_user(self.credit_manager).action_credit_reject("Too many open invoices")
        self.assertEqual(order.credit_state, "rejected")
        self.assertEqual(order.state, "cancel")
        self.assertIn("Too many open invoices", order.message_ids[:1].body)

    def test_decision_needs_a_note_and_a_credit_manager(self):
        order = self._order_of(self.dealer_a, qty=15)
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "Give a note"):
            order.with_user(self.credit_manager).action_credit_release("  ")
        self.assertEqual(order.credit_state, "hold")
        # The salesperson may see the order but not release it, even through RPC.
        with self.assertRaises(AccessError):
            order.with_user(self.sales_a).action_credit_release("I say so")
        with self.assertRaises(AccessError):
            order.with_user(self.sales_a).action_credit_reject("I say so")
        with self.assertRaises(AccessError):
            order.with_user(self.sales_a).action_credit_open_decision()
        self.assertEqual(order.credit_state, "hold")
        self.assertEqual(order.state, "draft")
        # A decision on an order that is not held is refused.
        fine = self._order_of(self.dealer_b)
        with self.assertRaisesRegex(UserError, "not on credit hold"):
            fine.with_user(self.credit_manager).action_credit_release("ok")

    def test_confirmed_order_increase_beyond_credit_is_refused(self):
        order = self._order_of(self.dealer_a, qty=8)
        order.action_confirm()
        order.order_line.product_uom_qty = 9
        self.assertEqual(order.amount_total, 900.0)
        with self.assertRaisesRegex(UserError, "cannot be increased"):
            order.order_line.product_uom_qty = 11
        with self.assertRaisesRegex(UserError, "cannot be increased"):
            order.write({"order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 3})]})

    def test_negative_limit_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.dealer_a.credit_limit = -1.0
        with self.assertRaisesRegex(ValidationError, "needs an expiry date"):
            self.dealer_b.dealer_credit_temp_limit = 100.0

    def test_salesperson_reads_credit_but_not_limit_field(self):
        dealer = self.dealer_a.with_user(self.sales_a)
        self.assertEqual(dealer.dealer_credit_limit_total, 1000.0)
        self.assertEqual(dealer.dealer_credit_available, 1000.0)
        self.assertEqual(dealer.dealer_deposit_balance, 0.0)
        self.assertEqual(dealer.dealer_credit_currency_id, self.currency)
        with self.assertRaises(AccessError):
            dealer.write({"credit_limit": 5000.0})
        self.dealer_a.with_user(self.credit_manager).credit_limit = 5000.0
        self.assertEqual(self.dealer_a.credit_limit, 5000.0)

    def test_credit_holds_menu_lists_held_orders(self):
        held = self._order_of(self.dealer_a, qty=15)
        held.action_confirm()
        action = self.env.ref("dealer_credit.sale_order_action_credit_hold")
        orders = self.env["sale.order"].search(safe_eval(action.domain))
        self.assertIn(held, orders)
