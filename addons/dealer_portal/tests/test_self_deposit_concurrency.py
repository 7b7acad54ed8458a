"""Parallel payments of invoices from one dealer's deposit, each in its own transaction.

Odoo's test cases run in one uncommitted transaction, so this test commits
its own data through real cursors and removes it afterwards.
"""

from functools import partial

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_base.tests.common import LICENCE
from odoo.addons.dealer_base.tests.concurrency import run_committed, run_concurrently

THREADS = 3
# Notifications wait in the mail queue: sent inside the racing transactions, their bookkeeping
# would conflict between them (a retried serialization failure that Odoo logs as an error).
CONTEXT = {"tracking_disable": True, "mail_notify_force_send": False}


@tagged("post_install", "-at_install")
class TestDepositInvoiceConcurrency(TransactionCase):
    def _committed(self, function):
        """``function(env)`` in a real transaction of its own, committed."""
        return run_committed(self.env.cr.dbname, function, context=CONTEXT)

    def setUp(self):
        super().setUp()
        company_id = self.env.company.id

        def prepare(env):
            partner = env["res.partner"].create({"name": "Parallel Deposit Dealer", "is_company": True})
            invoices = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "company_id": company_id,
                        "invoice_date": fields.Date.today(),
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Goods", "quantity": 1, "price_unit": 400.0, "tax_ids": [Command.clear()]}
                            )
                        ],
                    }
                    for _i in range(THREADS)
                ]
            )
            invoices.action_post()
            env["dealer.deposit.move"].create(
                {"partner_id": partner.id, "company_id": company_id, "amount": 1000.0, "name": "Deposit"}
            )
            return partner.id, invoices.ids

        self.partner_id, self.invoice_ids = self._committed(prepare)
        self.company_id = company_id
        self.addCleanup(self._committed, self._cleanup)

    def _cleanup(self, env):
        env["dealer.deposit.move"].search([("partner_id", "=", self.partner_id)]).unlink()
        invoices = env["account.move"].browse(self.invoice_ids)
        invoices.button_draft()
        invoices.unlink()
        env["res.partner"].browse(self.partner_id).unlink()

    def test_parallel_invoice_payments_never_take_the_deposit_below_zero(self):
        def pay(env, invoice):
            return invoice._dealer_pay_invoice_from_deposit().id

        def racer(invoice_id):
            def run(env):
                return retrying(partial(pay, env, env["account.move"].browse(invoice_id)), env)

            return run

        results = run_concurrently(
            self.env.cr.dbname, [racer(invoice_id) for invoice_id in self.invoice_ids], context=CONTEXT
        )
        errors = [r.error for r in results if not r.ok]
        self.assertTrue(all(isinstance(error, UserError) for error in errors), errors)
        # 1000 pays two invoices of 400; the third is refused.
        self.assertEqual(len(errors), THREADS - 2, errors)
        self.assertIn("cannot be paid from it", str(errors[0]))

        def balance(env):
            partner = env["res.partner"].browse(self.partner_id)
            return partner._dealer_deposit_balance_locked(env["res.company"].browse(self.company_id))

        self.assertEqual(self._committed(balance), 200.0)


@tagged("post_install", "-at_install")
class TestDepositCheckoutConcurrency(TransactionCase):
    """Orders paid from one deposit, submitted from the portal at the same moment.

    Checkout and review read the balance without a lock; the deposit is taken at
    confirmation, with the dealer's row locked: what both checks let through must
    never take the deposit below zero.
    """

    def _committed(self, function):
        return run_committed(self.env.cr.dbname, function, context=CONTEXT)

    def setUp(self):
        super().setUp()
        company_id = self.env.company.id

        def prepare(env):
            dealer = (
                env["res.partner"]
                .with_company(company_id)
                .create(
                    {
                        "name": "Parallel Checkout Dealer",
                        "is_company": True,
                        "is_dealer": True,
                        "dealer_code": "T-PAR-DEP",
                        "credit_limit": 1000000.0,
                        "user_id": env.ref("base.user_admin").id,
                        "dealer_licence": LICENCE,
                        "dealer_licence_filename": "licence.pdf",
                    }
                )
            )
            dealer._dealer_set_state("active")
            product = env["product.product"].create(
                {"name": "Parallel Checkout Service", "type": "service", "list_price": 2400.0, "taxes_id": False}
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": dealer.id,
                        "company_id": company_id,
                        "dealer_payment_method": "deposit",
                        "order_line": [Command.create({"product_id": product.id, "price_unit": 2400.0})],
                    }
                    for _i in range(THREADS)
                ]
            )
            env["dealer.deposit.move"].create(
                {"partner_id": dealer.id, "company_id": company_id, "amount": 4000.0, "name": "Deposit"}
            )
            return dealer.id, product.id, orders.ids

        self.dealer_id, self.product_id, self.order_ids = self._committed(prepare)
        self.company_id = company_id
        self.addCleanup(self._committed, self._cleanup)

    def _cleanup(self, env):
        orders = env["sale.order"].browse(self.order_ids)
        env["dealer.deposit.move"].search([("partner_id", "=", self.dealer_id)]).unlink()
        orders._action_cancel()
        orders.unlink()
        env["product.product"].browse(self.product_id).unlink()
        env["res.partner"].browse(self.dealer_id).unlink()

    def test_parallel_checkouts_never_take_the_deposit_below_zero(self):
        # Each order alone fits the deposit: checkout lets every one through.
        def submit(env, order_id):
            order = env["sale.order"].browse(order_id)
            order._dealer_check_submittable()
            return order._dealer_portal_submit()

        results = run_concurrently(
            self.env.cr.dbname,
            [
                lambda env, order_id=order_id: retrying(partial(submit, env, order_id), env)
                for order_id in self.order_ids
            ],
            context=CONTEXT,
        )
        errors = [r.error for r in results if not r.ok]
        self.assertTrue(all(isinstance(error, UserError) for error in errors), errors)

        def outcome(env):
            orders = env["sale.order"].browse(self.order_ids)
            dealer = env["res.partner"].browse(self.dealer_id)
            balance = dealer._dealer_deposit_balance_locked(env["res.company"].browse(self.company_id))
            return sorted(orders.mapped("state")), balance

        states, balance = self._committed(outcome)
        # 4000 pays one order of 2400; the others wait for the back office, nothing taken from the deposit.
        self.assertEqual(states, ["draft"] * (THREADS - 1) + ["sale"])
        self.assertEqual(balance, 1600.0)
