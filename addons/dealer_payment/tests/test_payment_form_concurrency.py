"""A payment form sent twice at the same moment (a double click, a retried request, two tabs), each
request in its own database transaction: one payment.transaction, which both requests get."""

from functools import partial

from odoo import Command
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_base.tests.common import LICENCE
from odoo.addons.dealer_base.tests.concurrency import run_committed, run_concurrently

from .test_topup_common import create_dummy_provider, dummy_payment_method_information

CONTEXT = {"tracking_disable": True, "mail_notify_force_send": False}


@tagged("post_install", "-at_install")
class TestPaymentFormConcurrency(TransactionCase):
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
                        "name": "Parallel Payment Form Dealer",
                        "is_company": True,
                        "is_dealer": True,
                        "dealer_code": "PARPAY01",
                        "dealer_state": "active",
                        "dealer_licence": LICENCE,
                        "dealer_licence_filename": "licence.pdf",
                        "user_id": env.ref("base.user_admin").id,
                        "credit_limit": 100000.0,
                    }
                )
            )
            journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
            provider = create_dummy_provider(env, company, journal, name="Dealer Parallel Form Provider")
            product = env["product.product"].create(
                {"name": "Parallel Payment Form Service", "type": "service", "list_price": 400.0, "taxes_id": False}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": dealer.id,
                    "company_id": company_id,
                    "order_line": [Command.create({"product_id": product.id, "price_unit": 400.0})],
                }
            )
            return dealer.id, product.id, order.id, provider.id

        self.dealer_id, self.product_id, self.order_id, self.provider_id = self._committed(prepare)

        def cleanup(env):
            env["payment.transaction"].search([("partner_id", "=", self.dealer_id)]).unlink()
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
            self.env.cr.dbname, [lambda env: retrying(partial(function, env), env)] * 2, context=CONTEXT
        )
        self.assertEqual([r.error for r in results], [None, None], "neither request sees an error")
        return [r.result for r in results]

    def _transactions(self, env):
        return env["payment.transaction"].search([("partner_id", "=", self.dealer_id)]).ids

    def test_an_order_payment_form_sent_twice_at_once_makes_one_transaction(self):
        tx_ids = self._race(self._submit(lambda env: env["sale.order"].browse(self.order_id), "sale_order_ids", 400.0))
        self.assertEqual(len(set(tx_ids)), 1, "both requests get the same transaction")
        self.assertEqual(self._committed(self._transactions), tx_ids[:1])

    def test_a_topup_form_sent_twice_at_once_makes_one_transaction(self):
        tx_ids = self._race(
            self._submit(lambda env: env["res.partner"].browse(self.dealer_id), "dealer_topup_partner_id", 250.0)
        )
        self.assertEqual(len(set(tx_ids)), 1, "both requests get the same transaction")
        self.assertEqual(self._committed(self._transactions), tx_ids[:1])

    def test_another_amount_or_a_done_transaction_is_a_new_payment(self):
        order_of = lambda env: env["sale.order"].browse(self.order_id)  # noqa: E731
        first = self._committed(self._submit(order_of, "sale_order_ids", 400.0))
        self.assertEqual(self._committed(self._submit(order_of, "sale_order_ids", 400.0)), first)
        other = self._committed(self._submit(order_of, "sale_order_ids", 300.0))
        self.assertNotEqual(other, first)
        self._committed(lambda env: env["payment.transaction"].browse(first)._set_canceled())
        self.assertNotIn(self._committed(self._submit(order_of, "sale_order_ids", 400.0)), (first, other))
