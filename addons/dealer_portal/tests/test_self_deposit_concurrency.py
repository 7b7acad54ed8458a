"""Parallel payments of invoices from one dealer's deposit, each in its own transaction.

Odoo's test cases run in one uncommitted transaction, so this test commits
its own data through real cursors and removes it afterwards.
"""

from functools import partial

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import QUIET, ConcurrentCase, run_concurrently

THREADS = 3


@tagged("post_install", "-at_install")
class TestDepositInvoiceConcurrency(ConcurrentCase):
    committed_context = QUIET

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

        self.partner_id, self.invoice_ids = self.committed(prepare)
        self.company_id = company_id
        self.addCleanup(self.committed, self._cleanup)

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
            self.env.cr.dbname, [racer(invoice_id) for invoice_id in self.invoice_ids], context=QUIET
        )
        errors = [r.error for r in results if not r.ok]
        self.assertTrue(all(isinstance(error, UserError) for error in errors), errors)
        # 1000 pays two invoices of 400; the third is refused.
        self.assertEqual(len(errors), THREADS - 2, errors)
        self.assertIn("cannot be paid from it", str(errors[0]))

        def balance(env):
            partner = env["res.partner"].browse(self.partner_id)
            return partner._dealer_deposit_balance_locked(env["res.company"].browse(self.company_id))

        self.assertEqual(self.committed(balance), 200.0)


@tagged("post_install", "-at_install")
class TestDepositCheckoutConcurrency(ConcurrentCase):
    """Orders paid from one deposit, submitted from the portal at the same moment.

    Checkout and review read the balance without a lock; the deposit is taken at
    confirmation, with the dealer's row locked: what both checks let through must
    never take the deposit below zero.
    """

    committed_context = QUIET

    def setUp(self):
        super().setUp()
        self.company_id = self.env.company.id

        def deposit(dealer, _product, _user):
            dealer.env["dealer.deposit.move"].create(
                {"partner_id": dealer.id, "company_id": self.company_id, "amount": 4000.0, "name": "Deposit"}
            )

        self.committed_dealer(
            "T-PAR-DEP",
            credit_limit=1000000.0,
            product={"list_price": 2400.0},
            orders=THREADS,
            order_vals={"dealer_payment_method": "deposit"},
            prepare=deposit,
        )
        self.addCleanup(
            self.committed,
            lambda env: env["dealer.deposit.move"].search([("partner_id", "=", self.dealer_id)]).unlink(),
        )

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
            context=QUIET,
        )
        errors = [r.error for r in results if not r.ok]
        self.assertTrue(all(isinstance(error, UserError) for error in errors), errors)

        def outcome(env):
            orders = env["sale.order"].browse(self.order_ids)
            dealer = env["res.partner"].browse(self.dealer_id)
            balance = dealer._dealer_deposit_balance_locked(env["res.company"].browse(self.company_id))
            return sorted(orders.mapped("state")), balance

        states, balance = self.committed(outcome)
        # 4000 pays one order of 2400; the others wait for the back office, nothing taken from the deposit.
        self.assertEqual(states, ["draft"] * (THREADS - 1) + ["sale"])
        self.assertEqual(balance, 1600.0)
