"""Top-ups confirmed while the deposit pays an order, each in its own database transaction
(dealer_base's concurrency helpers: real cursors, committed data removed afterwards)."""

from functools import partial

from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import QUIET, ConcurrentCase, run_concurrently

from .test_topup_common import committed_dummy_provider


@tagged("post_install", "-at_install")
class TestTopupConcurrency(ConcurrentCase):
    committed_context = QUIET

    def setUp(self):
        super().setUp()
        self.provider_id = committed_dummy_provider(self, "Dealer Parallel Provider")

        def topups(dealer, _product, _user):
            env = dealer.env
            company = env.company
            provider = env["payment.provider"].browse(self.provider_id)
            env["dealer.deposit.move"].create(
                {"partner_id": dealer.id, "company_id": company.id, "amount": 500.0, "name": "Opening"}
            )
            Tx = env["payment.transaction"]
            txs = Tx.create(
                [
                    {
                        "provider_id": provider.id,
                        "payment_method_id": provider.payment_method_ids[:1].id,
                        "reference": Tx._compute_reference("none", dealer_topup_partner_id=dealer.id)
                        + f"-{amount:.0f}",
                        "amount": amount,
                        "currency_id": company.currency_id.id,
                        "partner_id": dealer.id,
                        "dealer_topup_partner_id": dealer.id,
                    }
                    for amount in (1000.0, 250.0)
                ]
            )
            txs._set_pending()
            return txs.ids

        self.tx_ids = self.committed_dealer(
            "PARTOP01", credit_limit=100000.0, product={"list_price": 400.0}, orders=1, prepare=topups
        )
        self.order_id = self.order_ids[0]
        self.addCleanup(self.committed, self._cleanup)

    def _cleanup(self, env):
        txs = env["payment.transaction"].browse(self.tx_ids)
        payments = env["account.payment"].search([("payment_transaction_id", "in", self.tx_ids)])
        env["dealer.deposit.move"].search([("partner_id", "=", self.dealer_id)]).unlink()
        payments.action_draft()
        payments.move_id.unlink()
        payments.unlink()
        txs.unlink()

    def _race(self, functions):
        results = run_concurrently(
            self.env.cr.dbname, [lambda env, f=f: retrying(partial(f, env), env) for f in functions], context=QUIET
        )
        self.assertFalse([r.error for r in results if not r.ok and not isinstance(r.error, UserError)])
        return results

    def _balance(self, env):
        company = env["sale.order"].browse(self.order_id).company_id
        return env["res.partner"].browse(self.dealer_id)._dealer_deposit_balance_locked(company)

    def _confirm(self, tx_id):
        def run(env):
            tx = env["payment.transaction"].browse(tx_id)
            tx._set_done()
            tx._post_process()
            return tx.payment_id.id

        return run

    def test_two_topups_and_a_deposit_paid_order_at_once(self):
        def pay_order(env):
            return env["sale.order"].browse(self.order_id)._dealer_pay_from_deposit(400.0).id

        results = self._race([self._confirm(self.tx_ids[0]), self._confirm(self.tx_ids[1]), pay_order])
        self.assertTrue(all(r.ok for r in results), [r.error for r in results])

        def check(env):
            txs = env["payment.transaction"].browse(self.tx_ids)
            self.assertEqual(set(txs.mapped("state")), {"done"})
            self.assertTrue(all(txs.mapped("payment_id.is_dealer_deposit")))
            return self._balance(env)

        self.assertEqual(self.committed(check), 500.0 + 1000.0 + 250.0 - 400.0)

    def test_request_and_cron_post_process_a_topup_once(self):
        def done(env):
            env["payment.transaction"].browse(self.tx_ids[0])._set_done()

        self.committed(done)

        def post_process(env):
            tx = env["payment.transaction"].browse(self.tx_ids[0])
            if not tx.is_post_processed:
                tx._post_process()

        self._race([post_process, post_process, post_process])

        def check(env):
            payments = env["account.payment"].search([("payment_transaction_id", "=", self.tx_ids[0])])
            self.assertEqual(len(payments), 1)
            return self._balance(env)

        self.assertEqual(self.committed(check), 1500.0)
