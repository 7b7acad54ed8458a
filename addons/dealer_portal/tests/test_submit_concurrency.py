"""One cart submitted by two requests at the same moment, each in its own transaction.

Odoo's test cases run in one uncommitted transaction, so this test commits
its own data through real cursors and removes it afterwards.
"""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.concurrency import ConcurrentCase, run_concurrently


@tagged("post_install", "-at_install")
class TestSubmitConcurrency(ConcurrentCase):
    def setUp(self):
        super().setUp()

        def cart(dealer, product, _user):
            return (
                dealer.env["sale.order"]
                .create(
                    {
                        "partner_id": dealer.id,
                        "company_id": dealer.env.company.id,
                        "dealer_cart_user_id": dealer.env.ref("base.user_admin").id,
                        "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 2})],
                    }
                )
                .id
            )

        self.cart_id = self.committed_dealer(
            "T-PAR-SUB", credit_limit=1000000.0, product={"list_price": 2400.0}, prepare=cart
        )

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

        ids, state, still_cart, reference, key, followers, confirmations = self.committed(outcome)
        self.assertEqual(ids, [self.cart_id], "one order: the cart itself")
        self.assertEqual(state, "sale")
        self.assertFalse(still_cart)
        self.assertEqual((reference, key), (f"PO {winner}", winner), "the winner's form, written once")
        self.assertEqual(followers, 1)
        self.assertEqual(confirmations, 1, "the dealer is told once")
