"""A payment form sent twice at the same moment (a double click, a retried request, two tabs), each
request in its own database transaction: one payment.transaction, which both requests get."""

from functools import partial

from odoo import Command
from odoo.service.model import retrying
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import QUIET, ConcurrentCase, run_concurrently

from .test_topup_common import committed_dummy_provider


@tagged("post_install", "-at_install")
class TestPaymentFormConcurrency(ConcurrentCase):
    committed_context = QUIET

    def setUp(self):
        super().setUp()
        self.provider_id = committed_dummy_provider(self, "Dealer Parallel Form Provider")
        self.committed_dealer("PARPAY01", credit_limit=100000.0, product={"list_price": 400.0}, orders=1)
        self.order_id = self.order_ids[0]
        self.addCleanup(
            self.committed,
            lambda env: env["payment.transaction"].search([("partner_id", "=", self.dealer_id)]).unlink(),
        )

    def _submit(self, documents_of, field, amount):
        """What the payment routes do with one form: the transaction it created already, else a new one."""

        def submit(env):
            Tx = env["payment.transaction"]
            provider = env["payment.provider"].browse(self.provider_id)
            documents = documents_of(env)
            match = {
                "partner_id": self.dealer_id,
                "currency_id": env.company.currency_id.id,
                "provider_id": provider.id,
                "payment_method_id": provider.payment_method_ids[:1].id,
                "token_id": False,
                "operation": "online_redirect",
            }
            tx = Tx._dealer_payment_form_transaction(documents, field, amount, **match)
            if not tx:
                link = {field: [Command.set(documents.ids)] if field.endswith("_ids") else documents.id}
                tx = Tx.create(
                    dict(match, amount=amount, reference=Tx._compute_reference(provider.code, **link), **link)
                )
            return tx.id

        return submit

    def _race(self, function):
        results = run_concurrently(
            self.env.cr.dbname, [lambda env: retrying(partial(function, env), env)] * 2, context=QUIET
        )
        self.assertEqual([r.error for r in results], [None, None], "neither request sees an error")
        return [r.result for r in results]

    def _transactions(self, env):
        return env["payment.transaction"].search([("partner_id", "=", self.dealer_id)]).ids

    def test_an_order_payment_form_sent_twice_at_once_makes_one_transaction(self):
        tx_ids = self._race(self._submit(lambda env: env["sale.order"].browse(self.order_id), "sale_order_ids", 400.0))
        self.assertEqual(len(set(tx_ids)), 1, "both requests get the same transaction")
        self.assertEqual(self.committed(self._transactions), tx_ids[:1])

    def test_a_topup_form_sent_twice_at_once_makes_one_transaction(self):
        tx_ids = self._race(
            self._submit(lambda env: env["res.partner"].browse(self.dealer_id), "dealer_topup_partner_id", 250.0)
        )
        self.assertEqual(len(set(tx_ids)), 1, "both requests get the same transaction")
        self.assertEqual(self.committed(self._transactions), tx_ids[:1])

    def test_another_amount_or_a_done_transaction_is_a_new_payment(self):
        order_of = lambda env: env["sale.order"].browse(self.order_id)  # noqa: E731
        first = self.committed(self._submit(order_of, "sale_order_ids", 400.0))
        self.assertEqual(self.committed(self._submit(order_of, "sale_order_ids", 400.0)), first)
        other = self.committed(self._submit(order_of, "sale_order_ids", 300.0))
        self.assertNotEqual(other, first)
        self.committed(lambda env: env["payment.transaction"].browse(first)._set_canceled())
        self.assertNotIn(self.committed(self._submit(order_of, "sale_order_ids", 400.0)), (first, other))
