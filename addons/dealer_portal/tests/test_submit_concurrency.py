"""One cart submitted by two requests at the same moment, each in its own transaction.

Odoo's test cases run in one uncommitted transaction, so this test commits
its own data through real cursors and removes it afterwards.
"""

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.dealer_base.tests.common import LICENCE
from odoo.addons.dealer_base.tests.concurrency import run_committed, run_concurrently


@tagged("post_install", "-at_install")
class TestSubmitConcurrency(TransactionCase):
    def _committed(self, function):
        return run_committed(self.env.cr.dbname, function)

    def setUp(self):
        super().setUp()
        company_id = self.env.company.id

        def prepare(env):
            dealer = (
                env["res.partner"]
                .with_company(company_id)
                .create(
                    {
                        "name": "Parallel Submit Dealer",
                        "is_company": True,
                        "is_dealer": True,
                        "dealer_code": "T-PAR-SUB",
                        "credit_limit": 1000000.0,
                        "user_id": env.ref("base.user_admin").id,
                        "dealer_licence": LICENCE,
                        "dealer_licence_filename": "licence.pdf",
                    }
                )
            )
            dealer._dealer_set_state("active")
            product = env["product.product"].create(
                {"name": "Parallel Submit Service", "type": "service", "list_price": 2400.0, "taxes_id": False}
            )
            cart = env["sale.order"].create(
                {
                    "partner_id": dealer.id,
                    "company_id": company_id,
                    "dealer_cart_user_id": env.ref("base.user_admin").id,
                    "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
                }
            )
            return dealer.id, product.id, cart.id

        self.dealer_id, self.product_id, self.cart_id = self._committed(prepare)
        self.addCleanup(self._committed, self._cleanup)

    def _cleanup(self, env):
        orders = env["sale.order"].search([("partner_id", "=", self.dealer_id)])
        orders._action_cancel()
        orders.unlink()
        env["product.product"].browse(self.product_id).unlink()
        env["res.partner"].browse(self.dealer_id).unlink()

    def test_two_sessions_submitting_one_cart_place_one_order_and_both_answer_cleanly(self):
        def submitter(key):
            def submit(env):
                cart = env["sale.order"].browse(self.cart_id)
                vals = {"dealer_payment_method": "credit", "client_order_ref": f"PO {key}"}
                return cart._dealer_portal_checkout_submit(vals, key)

            return submit

        results = run_concurrently(self.env.cr.dbname, [submitter("session-1"), submitter("session-2")])
        # No error at all: neither "a partner cannot follow twice the same object" nor a concurrent update.
        self.assertEqual([r.error for r in results], [None, None])
        # One of them submitted the cart, the other found it submitted and did nothing.
        self.assertEqual(sorted(r.result for r in results), [False, True])
        winner = "session-1" if results[0].result else "session-2"

        def outcome(env):
            orders = env["sale.order"].search([("partner_id", "=", self.dealer_id)])
            dealer = env["res.partner"].browse(self.dealer_id)
            followers = orders.message_follower_ids.filtered(lambda f: f.partner_id == dealer)
            confirmations = orders.message_ids.filtered(lambda m: "confirmed" in (m.subject or ""))
            return (
                orders.ids,
                orders.state,
                bool(orders.dealer_cart_user_id),
                orders.client_order_ref,
                orders.dealer_submit_key,
                len(followers),
                len(confirmations),
            )

        ids, state, still_cart, reference, key, followers, confirmations = self._committed(outcome)
        self.assertEqual(ids, [self.cart_id], "one order: the cart itself")
        self.assertEqual(state, "sale")
        self.assertFalse(still_cart)
        self.assertEqual((reference, key), (f"PO {winner}", winner), "the winner's form, written once")
        self.assertEqual(followers, 1)
        self.assertEqual(confirmations, 1, "the dealer is told once")
