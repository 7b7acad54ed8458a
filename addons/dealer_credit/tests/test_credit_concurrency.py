"""Parallel confirmations and deposit payments of one dealer, each in its own
database transaction.

Odoo's test cases run in a single uncommitted transaction (and in test mode
``registry.cursor()`` shares it), so these tests commit their own data
through real, independent cursors and remove it afterwards.
"""

import threading
from functools import partial

from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import QUIET, ConcurrentCase, run_concurrently

THREADS = 4


@tagged("post_install", "-at_install")
class TestCreditConcurrency(ConcurrentCase):
    committed_context = QUIET

    def setUp(self):
        super().setUp()
        self.committed_dealer("PAR01", credit_limit=1000.0, product={"list_price": 400.0}, orders=THREADS)
        self.addCleanup(
            self.committed,
            lambda env: env["dealer.deposit.move"].search([("partner_id", "=", self.dealer_id)]).unlink(),
        )

    def _run_in_parallel(self, work):
        """Run ``work(env, order)`` for each order in its own thread and transaction, all at once.

        Returns {order id: what ``work`` returned, or the UserError it raised}.
        """
        overlap = {"inside": 0, "max": 0}
        lock = threading.Lock()

        def racer(order_id):
            def run(env):
                order = env["sale.order"].browse(order_id)
                with lock:
                    overlap["inside"] += 1
                    overlap["max"] = max(overlap["max"], overlap["inside"])
                try:
                    return retrying(partial(work, env, order), env)
                finally:
                    with lock:
                        overlap["inside"] -= 1

            return run

        results = run_concurrently(self.env.cr.dbname, [racer(order_id) for order_id in self.order_ids], context=QUIET)
        self.assertFalse([r.error for r in results if not r.ok and not isinstance(r.error, UserError)])
        self.assertGreater(overlap["max"], 1, "the transactions really overlapped")
        return {order_id: r.result if r.ok else r.error for order_id, r in zip(self.order_ids, results, strict=True)}

    def test_parallel_confirmations_never_exceed_the_limit(self):
        def confirm(env, order):
            order.action_confirm()
            return order.state

        self._run_in_parallel(confirm)

        def check(env):
            orders = env["sale.order"].browse(self.order_ids)
            confirmed = orders.filtered(lambda o: o.state == "sale")
            held = orders.filtered(lambda o: o.credit_state == "hold")
            # 2 x 400 fit in 1000, a third would not.
            self.assertEqual(len(confirmed), 2)
            self.assertEqual(len(held), THREADS - 2)
            self.assertFalse(held.filtered(lambda o: o.state == "sale"))
            info = env["res.partner"].browse(self.dealer_id)._dealer_credit_info(orders[0].company_id)
            self.assertLessEqual(info["used"], 1000.0)

        self.committed(check)

    def test_parallel_deposit_payments_never_go_negative(self):
        def deposit(env):
            order = env["sale.order"].browse(self.order_ids[0])
            env["dealer.deposit.move"].create(
                {"partner_id": self.dealer_id, "company_id": order.company_id.id, "amount": 1000.0, "name": "Deposit"}
            )

        self.committed(deposit)

        def pay(env, order):
            return order._dealer_pay_from_deposit(400.0).id

        results = self._run_in_parallel(pay)
        errors = [result for result in results.values() if isinstance(result, UserError)]
        self.assertEqual(len(errors), THREADS - 2)
        self.assertIn("cannot be paid from it", str(errors[0]))

        def balance(env):
            company = env["sale.order"].browse(self.order_ids[0]).company_id
            return env["res.partner"].browse(self.dealer_id)._dealer_deposit_balance_locked(company)

        self.assertEqual(self.committed(balance), 200.0)
