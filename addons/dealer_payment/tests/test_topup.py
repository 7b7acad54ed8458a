from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_topup_common import TopupCase


@tagged("post_install", "-at_install")
class TestTopup(TopupCase):
    def test_topup_reference_names_the_dealer(self):
        tx = self._topup_tx(self.dealer_a, 500.0)
        self.assertTrue(tx.reference.startswith("DEP-TA01"), tx.reference)
        self.assertTrue(tx.is_dealer_topup)
        self.assertNotEqual(self._topup_tx(self.dealer_a, 500.0).reference, tx.reference)

    def test_done_topup_raises_the_deposit_through_a_deposit_payment(self):
        before = self._balance(self.dealer_a)
        tx = self._topup_tx(self.dealer_a, 1234.56)
        self._notify(tx)
        self.assertEqual(tx.state, "pending")
        self.assertEqual(self._balance(self.dealer_a), before, "pending money is not in the deposit")
        self._confirm(tx)
        payment = tx.payment_id
        self.assertTrue(payment)
        self.assertTrue(payment.is_dealer_deposit)
        self.assertEqual(payment.partner_id, self.dealer_a)
        self.assertEqual(payment.amount, 1234.56)
        self.assertEqual(payment.state, "in_process")
        self.assertEqual(len(payment.dealer_deposit_move_ids), 1)
        self.assertAlmostEqual(self._balance(self.dealer_a) - before, 1234.56)
        self.assertEqual(self._balance(self.dealer_b), 0.0)

    def test_topup_counts_once_when_replayed_and_post_processed_again(self):
        tx = self._topup_tx(self.dealer_a, 300.0)
        self._notify(tx)
        self._notify(tx)
        self._confirm(tx)
        # The same confirmation again, the post-processing twice, then the cron after the request.
        tx._set_done()
        tx._post_process()
        tx.is_post_processed = False
        with patch.object(self.env.cr, "commit", lambda: None):
            tx._cron_post_process()
        self.assertTrue(tx.is_post_processed)
        payments = self.env["account.payment"].search([("payment_transaction_id", "=", tx.id)])
        self.assertEqual(len(payments), 1)
        self.assertEqual(self._balance(self.dealer_a), 300.0)

    def test_payment_made_elsewhere_is_not_made_again(self):
        tx = self._topup_tx(self.dealer_a, 80.0)
        tx._set_done()
        payment = tx._create_payment()
        tx.payment_id = False
        tx._post_process()
        self.assertEqual(tx.payment_id, payment)
        self.assertEqual(self._balance(self.dealer_a), 80.0)

    def test_failed_or_cancelled_topup_leaves_the_deposit(self):
        failed = self._topup_tx(self.dealer_a, 100.0)
        failed._set_error("declined")
        failed._post_process()
        cancelled = self._topup_tx(self.dealer_a, 100.0)
        self._notify(cancelled)
        cancelled._set_canceled()
        cancelled._post_process()
        self.assertFalse((failed | cancelled).payment_id)
        self.assertEqual(self._balance(self.dealer_a), 0.0)

    def test_topup_in_progress_is_listed(self):
        pending = self._topup_tx(self.dealer_a, 10.0)
        self._notify(pending)
        done = self._topup_tx(self.dealer_a, 20.0)
        self._confirm(done)
        draft = self._topup_tx(self.dealer_a, 30.0)
        other = self._topup_tx(self.dealer_b, 40.0)
        self._notify(other)
        listed = self.dealer_a._dealer_topup_transactions(self.company)
        self.assertEqual(listed, done | pending)
        self.assertNotIn(draft, listed)
        self.assertEqual(self.dealer_a._dealer_topups_in_progress(self.company), pending)

    def test_amount_is_bounded(self):
        parse = self.dealer_a._dealer_topup_parse_amount
        self.assertEqual(parse("5000", self.currency), 5000.0)
        self.assertEqual(parse(" 1,234.50 ", self.currency), 1234.5)
        for value in ("", None, "abc", "nan", "NaN", "inf", "-inf", "1e400", "0", "-5", "0.001", "12.345"):
            with self.subTest(value=value), self.assertRaises(UserError):
                parse(value, self.currency)
        with self.assertRaises(UserError):
            parse("1000000.01", self.currency)
        self.env["ir.config_parameter"].sudo().set_param("dealer_payment.topup_max_amount", "100")
        with self.assertRaises(UserError):
            parse("100.01", self.currency)
        self.assertEqual(parse("100", self.currency), 100.0)

    def test_other_transactions_keep_odoo_behaviour(self):
        """A customer that is not a dealer pays as in standard Odoo: no deposit payment."""
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        tx = self.Transaction.create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.provider.payment_method_ids[:1].id,
                "reference": self.Transaction._compute_reference(self.provider.code),
                "amount": 50.0,
                "currency_id": self.currency.id,
                "partner_id": customer.id,
            }
        )
        self.assertFalse(tx.reference.startswith("DEP"))
        self._confirm(tx)
        self.assertTrue(tx.payment_id)
        self.assertFalse(tx.payment_id.is_dealer_deposit)

    def test_wire_transfer_topup_confirmed_by_the_accountant(self):
        """Odoo's wire transfer has no payment method of its own: the top-up's payment is booked
        with the bank journal's manual method once the money is confirmed."""
        transfer = self.env.ref("payment.payment_provider_transfer")
        transfer.write({"state": "enabled", "company_id": self.company.id})
        transfer.journal_id = transfer.journal_id or self.bank_journal
        tx = self._topup_tx(
            self.dealer_a,
            640.0,
            provider_id=transfer.id,
            payment_method_id=(transfer.payment_method_ids or self.provider.payment_method_ids)[:1].id,
        )
        tx._handle_notification_data("custom", {"reference": tx.reference})
        self.assertEqual(tx.state, "pending")
        accountant = new_test_user(self.env, "t_topup_accountant", groups="account.group_account_invoice")
        with self.assertRaises(AccessError):
            tx.with_user(self.sales_a).action_dealer_topup_confirm_received()
        tx.with_user(accountant).action_dealer_topup_confirm_received()
        self.assertEqual(tx.state, "done")
        self.assertTrue(tx.payment_id.is_dealer_deposit)
        self.assertEqual(self._balance(self.dealer_a), 640.0)
        with self.assertRaises(UserError):
            tx.with_user(accountant).action_dealer_topup_confirm_received()
        self.assertEqual(self._balance(self.dealer_a), 640.0)
