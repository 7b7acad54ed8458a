"""Parallel confirmations and deposit payments of one dealer, each in its own
database transaction.

Odoo's test cases run in a single uncommitted transaction (and in test mode
``registry.cursor()`` shares it), so these tests commit their own data
through real, independent cursors and remove it afterwards.
"""

import threading
from contextlib import contextmanager
from functools import partial

from odoo import SUPERUSER_ID, Command, api
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged

THREADS = 4


@tagged("post_install", "-at_install")
class TestCreditConcurrency(TransactionCase):
    @contextmanager
    def _real_env(self):
        """An environment on a real cursor of its own, committed on exit."""
        with db_connect(self.env.cr.dbname).cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def setUp(self):
        super().setUp()
        company_id = self.env.company.id
        with self._real_env() as env:
            company = env["res.company"].browse(company_id)
            self.dealer_id = (
                env["res.partner"]
                .with_company(company)
                .create({"name": "Parallel Dealer", "is_company": True, "credit_limit": 1000.0})
                .id
            )
            self.product_id = (
                env["product.product"]
                .create({"name": "Parallel Service", "type": "service", "list_price": 400.0, "taxes_id": False})
                .id
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": self.dealer_id,
                        "company_id": company_id,
                        "order_line": [Command.create({"product_id": self.product_id, "price_unit": 400.0})],
                    }
                    for _i in range(THREADS)
                ]
            )
            self.order_ids = orders.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self._real_env() as env:
            orders = env["sale.order"].browse(self.order_ids)
            env["dealer.deposit.move"].search([("partner_id", "=", self.dealer_id)]).unlink()
            orders._action_cancel()
            orders.unlink()
            env["product.product"].browse(self.product_id).unlink()
            env["res.partner"].browse(self.dealer_id).unlink()

    def _run_in_parallel(self, work):
        """Run ``work(env, order)`` for each order in its own thread and transaction, all at once."""
        barrier = threading.Barrier(len(self.order_ids))
        results, overlap = {}, {"inside": 0, "max": 0}
        lock = threading.Lock()

        def run(order_id):
            try:
                with self._real_env() as env:
                    order = env["sale.order"].browse(order_id)
                    order.read(["amount_total"])  # every transaction has started before the race
                    barrier.wait(timeout=30)
                    with lock:
                        overlap["inside"] += 1
                        overlap["max"] = max(overlap["max"], overlap["inside"])
                    try:
                        results[order_id] = retrying(partial(work, env, order), env)
                    finally:
                        with lock:
                            overlap["inside"] -= 1
            except UserError as error:
                results[order_id] = error

        threads = [threading.Thread(target=run, args=(order_id,)) for order_id in self.order_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertGreater(overlap["max"], 1, "the transactions really overlapped")
        return results

    def test_parallel_confirmations_never_exceed_the_limit(self):
        def confirm(env, order):
            order.action_confirm()
            return order.state

        self._run_in_parallel(confirm)
        with self._real_env() as env:
            orders = env["sale.order"].browse(self.order_ids)
            confirmed = orders.filtered(lambda o: o.state == "sale")
            held = orders.filtered(lambda o: o.credit_state == "hold")
            # 2 x 400 fit in 1000, a third would not.
            self.assertEqual(len(confirmed), 2)
            self.assertEqual(len(held), THREADS - 2)
            self.assertFalse(held.filtered(lambda o: o.state == "sale"))
            info = env["res.partner"].browse(self.dealer_id)._dealer_credit_info(orders[0].company_id)
            self.assertLessEqual(info["used"], 1000.0)

    def test_parallel_deposit_payments_never_go_negative(self):
        with self._real_env() as env:
            order = env["sale.order"].browse(self.order_ids[0])
            env["dealer.deposit.move"].create(
                {
                    "partner_id": self.dealer_id,
                    "company_id": order.company_id.id,
                    "amount": 1000.0,
                    "name": "Deposit",
                }
            )

        def pay(env, order):
            return order._dealer_pay_from_deposit(400.0).id

        results = self._run_in_parallel(pay)
        errors = [result for result in results.values() if isinstance(result, UserError)]
        self.assertEqual(len(errors), THREADS - 2)
        self.assertIn("cannot be paid from it", str(errors[0]))
        with self._real_env() as env:
            dealer = env["res.partner"].browse(self.dealer_id)
            self.assertEqual(
                dealer._dealer_deposit_balance_locked(env["sale.order"].browse(self.order_ids[0]).company_id), 200.0
            )
