"""Top-ups confirmed while the deposit pays an order, each in its own database transaction
(dealer_base's concurrency helpers: real cursors, committed data removed afterwards)."""

from functools import partial

from odoo import Command
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_base.tests.common import LICENCE
from odoo.addons.dealer_base.tests.concurrency import run_committed, run_concurrently

from .test_topup_common import create_dummy_provider, dummy_payment_method_information

CONTEXT = {"tracking_disable": True, "mail_notify_force_send": False}


@tagged("post_install", "-at_install")
class TestTopupConcurrency(TransactionCase):
    def _committed(self, function):
        return run_committed(self.env.cr.dbname, function, context=CONTEXT)

    def setUp(self):
        super().setUp()
        company_id = self.env.company.id
        self.unknown_was_active = self.env.ref("payment.payment_method_unknown").active

        def prepare(env):
            company = env["res.company"].browse(company_id)
            dealer = (
                env["res.partner"]
                .with_company(company)
                .create(
                    {
                        "name": "Parallel Top-up Dealer",
                        "is_company": True,
                        "is_dealer": True,
                        "dealer_code": "PARTOP01",
                        "dealer_state": "active",
                        "dealer_licence": LICENCE,
                        "dealer_licence_filename": "licence.pdf",
                        "user_id": env.ref("base.user_admin").id,
                        "credit_limit": 100000.0,
                    }
                )
            )
            journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
            provider = create_dummy_provider(env, company, journal, name="Dealer Parallel Provider")
            product = env["product.product"].create(
                {"name": "Parallel Top-up Service", "type": "service", "list_price": 400.0, "taxes_id": False}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": dealer.id,
                    "company_id": company_id,
                    "order_line": [Command.create({"product_id": product.id, "price_unit": 400.0})],
                }
            )
            env["dealer.deposit.move"].create(
                {"partner_id": dealer.id, "company_id": company_id, "amount": 500.0, "name": "Opening"}
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
            return dealer.id, product.id, order.id, txs.ids, provider.id

        self.dealer_id, self.product_id, self.order_id, self.tx_ids, self.provider_id = self._committed(prepare)

        def cleanup(env):
            txs = env["payment.transaction"].browse(self.tx_ids)
            payments = env["account.payment"].search([("payment_transaction_id", "in", self.tx_ids)])
            env["dealer.deposit.move"].search([("partner_id", "=", self.dealer_id)]).unlink()
            payments.action_draft()
            payments.move_id.unlink()
            payments.unlink()
            txs.unlink()
            order = env["sale.order"].browse(self.order_id)
            order._action_cancel()
            order.unlink()
            env["product.product"].browse(self.product_id).unlink()
            env["res.partner"].browse(self.dealer_id).unlink()
            provider = env["payment.provider"].browse(self.provider_id)
            provider.state = "disabled"
            provider.journal_id.inbound_payment_method_line_ids.filtered(
                lambda line: line.payment_provider_id == provider
            ).unlink()
            provider.unlink()
            env.ref("payment.payment_method_unknown").active = self.unknown_was_active
            with dummy_payment_method_information(env):
                env["account.payment.method"].search([("code", "=", "none")]).unlink()

        self.addCleanup(self._committed, cleanup)

    def _race(self, functions):
        results = run_concurrently(
            self.env.cr.dbname, [lambda env, f=f: retrying(partial(f, env), env) for f in functions], context=CONTEXT
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

        self.assertEqual(self._committed(check), 500.0 + 1000.0 + 250.0 - 400.0)

    def test_request_and_cron_post_process_a_topup_once(self):
        def done(env):
            env["payment.transaction"].browse(self.tx_ids[0])._set_done()

        self._committed(done)

        def post_process(env):
            tx = env["payment.transaction"].browse(self.tx_ids[0])
            if not tx.is_post_processed:
                tx._post_process()

        self._race([post_process, post_process, post_process])

        def check(env):
            payments = env["account.payment"].search([("payment_transaction_id", "=", self.tx_ids[0])])
            self.assertEqual(len(payments), 1)
            return self._balance(env)

        self.assertEqual(self._committed(check), 1500.0)
