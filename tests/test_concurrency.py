"""The concurrency helpers really run transactions side by side."""

import threading

import psycopg2.errors

from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_base.tests.concurrency import run_committed, run_concurrently

MARKER = "hx-concurrency-probe"


@tagged("post_install", "-at_install")
class TestConcurrencyHelpers(TransactionCase):
    def setUp(self):
        super().setUp()
        self.dbname = self.env.cr.dbname
        self.target_id = run_committed(
            self.dbname, lambda env: env["res.partner"].create({"name": f"{MARKER} target"}).id
        )
        self.addCleanup(self._remove_probes)

    def _remove_probes(self):
        run_committed(self.dbname, lambda env: env["res.partner"].search([("name", "like", MARKER)]).unlink())

    def test_two_threads_hold_transactions_open_at_the_same_time(self):
        after_lock = threading.Barrier(2, timeout=30)

        def lock_and_create(env):
            # Both threads try the same row lock while both transactions are open:
            # exactly one gets it, the other sees the conflict immediately.
            try:
                env.cr.execute("SELECT id FROM res_partner WHERE id = %s FOR UPDATE NOWAIT", [self.target_id])
                got_lock = True
            except psycopg2.errors.LockNotAvailable:
                got_lock = False
                env.cr.rollback()
            after_lock.wait()
            env["res.partner"].create({"name": f"{MARKER} {threading.get_ident()}"})
            return got_lock

        results = run_concurrently(self.dbname, [lock_and_create, lock_and_create])

        self.assertTrue(all(r.ok for r in results), [r.error for r in results])
        self.assertEqual(sorted(r.result for r in results), [False, True])
        # Committed by the threads: visible from an independent transaction.
        created = run_committed(self.dbname, lambda env: env["res.partner"].search_count([("name", "like", MARKER)]))
        self.assertEqual(created, 3)

    def test_a_failing_function_is_rolled_back_and_reported(self):
        def create_then_fail(env):
            env["res.partner"].create({"name": f"{MARKER} failed"})
            raise ValueError("boom")

        def create(env):
            return env["res.partner"].create({"name": f"{MARKER} kept"}).id

        results = run_concurrently(self.dbname, [create_then_fail, create])

        self.assertIsInstance(results[0].error, ValueError)
        self.assertTrue(results[1].ok)
        names = run_committed(
            self.dbname, lambda env: env["res.partner"].search([("name", "like", MARKER)]).mapped("name")
        )
        self.assertCountEqual(names, [f"{MARKER} target", f"{MARKER} kept"])

    def test_committed_data_is_cleaned_up(self):
        run_concurrently(self.dbname, [lambda env: env["res.partner"].create({"name": f"{MARKER} x"})] * 2)
        self._remove_probes()
        left = run_committed(self.dbname, lambda env: env["res.partner"].search_count([("name", "like", MARKER)]))
        self.assertEqual(left, 0)
