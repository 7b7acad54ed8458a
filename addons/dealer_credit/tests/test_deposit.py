from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestDeposit(CreditCase):
    def test_deposit_payment_fills_the_deposit(self):
        payment = self._deposit(self.dealer_a, 500.0)
        self.assertEqual(payment.dealer_deposit_move_ids.amount, 500.0)
        self.dealer_a.invalidate_recordset()
        self.assertEqual(self.dealer_a.dealer_deposit_balance, 500.0)
        # An ordinary payment is not a deposit.
        ordinary = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.dealer_a.id,
                "amount": 80.0,
                "journal_id": self.bank_journal.id,
            }
        )
        ordinary.action_post()
        self.dealer_a.invalidate_recordset()
        self.assertEqual(self.dealer_a.dealer_deposit_balance, 500.0)

    def test_order_paid_from_deposit(self):
        self._deposit(self.dealer_a, 500.0)
        order = self._order_of(self.dealer_a, qty=3)
        order.action_confirm()
        move = order._dealer_pay_from_deposit(200.0)
        self.assertEqual(move.amount, -200.0)
        self.assertEqual(move.partner_id, self.dealer_a)
        self.assertEqual(order.dealer_deposit_paid, 200.0)
        self.dealer_a.invalidate_recordset()
        self.assertEqual(self.dealer_a.dealer_deposit_balance, 300.0)
        self.assertIn("paid from the dealer", order.message_ids[:1].body)

    def test_deposit_payment_bad_amounts_save_nothing(self):
        self._deposit(self.dealer_a, 150.0)
        order = self._order_of(self.dealer_a, qty=2)
        with self.assertRaisesRegex(UserError, "must be positive"):
            order._dealer_pay_from_deposit(0.0)
        with self.assertRaisesRegex(UserError, "has only"):
            order._dealer_pay_from_deposit(250.0)
        with self.assertRaisesRegex(UserError, "cannot be paid from it"):
            order._dealer_pay_from_deposit(160.0)
        order._dealer_pay_from_deposit(150.0)
        with self.assertRaisesRegex(UserError, "has only|cannot be paid from it"):
            order._dealer_pay_from_deposit(60.0)
        self.assertEqual(len(order.dealer_deposit_move_ids), 1)
        self.dealer_a.invalidate_recordset()
        self.assertEqual(self.dealer_a.dealer_deposit_balance, 0.0)

    def test_used_deposit_payment_cannot_be_reset(self):
        payment = self._deposit(self.dealer_a, 100.0)
        self._order_of(self.dealer_a, qty=1)._dealer_pay_from_deposit(100.0)
        with self.assertRaisesRegex(UserError, "already used"):
            payment.action_draft()
        unused = self._deposit(self.dealer_b, 100.0)
        unused.action_draft()
        self.dealer_b.invalidate_recordset()
        self.assertEqual(self.dealer_b.dealer_deposit_balance, 0.0)

    def test_deposit_moves_visible_to_own_dealer_and_salesperson_only(self):
        self._deposit(self.dealer_a, 100.0)
        self._deposit(self.dealer_b, 100.0)
        Move = self.env["dealer.deposit.move"]
        portal_moves = Move.with_user(self.portal_a).search([])
        self.assertEqual(portal_moves.partner_id, self.dealer_a)
        self.assertEqual(Move.with_user(self.sales_a).search([]).partner_id, self.dealer_a)
        self.assertEqual(Move.with_user(self.sales_b).search([]).partner_id, self.dealer_b)
        self.assertEqual(len(Move.with_user(self.manager).search([("partner_id", "in", self.dealer_a.ids)])), 1)
        with self.assertRaises(AccessError):
            portal_moves.with_user(self.portal_a).write({"amount": 1000000.0})
        with self.assertRaises(AccessError):
            Move.with_user(self.sales_a).create({"partner_id": self.dealer_a.id, "amount": 5.0, "name": "gift"})
        # A portal user cannot pay an order from the deposit behind the brand's back.
        order = self._order_of(self.dealer_a)
        with self.assertRaises(AccessError):
            order.with_user(self.portal_a)._dealer_pay_from_deposit(50.0)
