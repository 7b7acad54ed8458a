"""Parallel payments of invoices from one dealer's deposit, each in its own transaction.

Odoo's test cases run in one uncommitted transaction, so this test commits
its own data through real cursors and removes it afterwards.
"""

import threading
from contextlib import contextmanager
from functools import partial

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

THREADS = 3


@tagged("post_install", "-at_install")
class TestDepositInvoiceConcurrency(TransactionCase):
    @contextmanager
    def _real_env(self):
        with db_connect(self.env.cr.dbname).cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        company_id = self.env.company.id
        with self._real_env() as env:
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
            self.partner_id, self.invoice_ids, self.company_id = partner.id, invoices.ids, company_id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._real_env() as env:
            env["dealer.deposit.move"].search([("partner_id", "=", self.partner_id)]).unlink()
            invoices = env["account.move"].browse(self.invoice_ids)
            invoices.button_draft()
            invoices.unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def test_parallel_invoice_payments_never_take_the_deposit_below_zero(self):
        barrier = threading.Barrier(THREADS)
        results = {}

        def pay(env, invoice):
            return invoice._dealer_pay_invoice_from_deposit().id

        def run(invoice_id):
            try:
                with self._real_env() as env:
                    invoice = env["account.move"].browse(invoice_id)
                    invoice.read(["amount_residual"])
                    barrier.wait(timeout=30)
                    results[invoice_id] = retrying(partial(pay, env, invoice), env)
            except UserError as error:
                results[invoice_id] = error

        threads = [threading.Thread(target=run, args=(invoice_id,)) for invoice_id in self.invoice_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        errors = [result for result in results.values() if isinstance(result, UserError)]
        # 1000 pays two invoices of 400; the third is refused.
        self.assertEqual(len(errors), THREADS - 2, results)
        self.assertIn("cannot be paid from it", str(errors[0]))
        with self._real_env() as env:
            partner = env["res.partner"].browse(self.partner_id)
            self.assertEqual(partner._dealer_deposit_balance_locked(env["res.company"].browse(self.company_id)), 200.0)
