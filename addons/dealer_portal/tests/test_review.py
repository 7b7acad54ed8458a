from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.dealer_base.models.product_product import ProductProduct as BaseProduct

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerOrderReview(DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reviewer = new_test_user(
            cls.env,
            "t_portal_reviewer",
            groups="dealer_base.group_dealer_manager,sales_team.group_sale_salesman_all_leads",
        )

    def _submitted_cart(self, lines, **vals):
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows(
            [{"ref": str(i), "product_id": product.id, "qty": qty} for i, (product, qty) in enumerate(lines)]
        )
        cart.write(dict({"dealer_payment_method": "credit"}, **vals))
        confirmed = cart.with_user(self.portal_a).sudo()._dealer_portal_submit()
        return cart, confirmed

    def test_order_passing_every_check_is_confirmed(self):
        cart, confirmed = self._submitted_cart([(self.kettle, 2)], partner_shipping_id=self.address_a.id)
        self.assertTrue(confirmed)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.dealer_review_state, "none")

    def test_held_order_lists_every_reason_for_the_back_office(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.min_order_amount", "100000")
        self.dealer_a.credit_limit = 100.0
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows(
            [{"ref": "1", "product_id": self.kettle.id, "qty": 600}, {"ref": "2", "product_id": self.fan.id, "qty": 1}]
        )
        # After the lines were priced: the fan's price changes and the kettle leaves the assortment.
        self.env["dealer.price"].create({"dealer_id": self.dealer_a.id, "product_id": self.fan.id, "price": 150.0})
        self.env["dealer.assortment.rule"].create(
            {"dealer_id": self.dealer_a.id, "rule_type": "exclude", "product_id": self.kettle.id}
        )
        cart.write({"partner_shipping_id": self.address_far.id, "dealer_payment_method": "deposit"})
        self.assertFalse(cart.with_user(self.portal_a).sudo()._dealer_portal_submit())
        self.assertEqual(cart.state, "draft")
        self.assertEqual(cart.dealer_review_state, "review")
        self.assertEqual(cart.dealer_portal_state, "review")
        reasons = cart.dealer_review_reasons
        for expected in (
            "Prices changed",
            "outside the authorised assortment: [PT-KETTLE] Portal Kettle",
            "Not enough stock: [PT-KETTLE] Portal Kettle: 600 ordered, 500 available",
            "Credit limit of Dealer A Trading exceeded",
            "The deposit holds",
            "below the minimum order amount",
            "outside the sales region",
        ):
            self.assertIn(expected, reasons)
        self.assertEqual(len(reasons.splitlines()), 7)
        # The salesperson gets a to-do, the dealer a mail, and the queue lists it.
        self.assertTrue(cart.activity_ids.filtered(lambda a: a.user_id == self.sales_a))
        self.assertTrue(cart.message_ids.filtered(lambda m: "under review" in (m.subject or "")))
        queue = self.env.ref("dealer_portal.sale_order_action_dealer_review")
        self.assertIn(cart, self.env["sale.order"].search(safe_eval(queue.domain)))

    def test_unknown_availability_holds_no_order_for_stock(self):
        # Without a stock module telling the quantities (dealer_base's default), stock is not checked.
        self.patch(type(self.env["product.product"]), "_dealer_availability", BaseProduct._dealer_availability)
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 600}])
        self.assertFalse(cart._dealer_review_stock(self.dealer_a, cart.order_line))

    def test_only_a_dealer_manager_decides_and_a_rejection_needs_a_reason(self):
        cart, _confirmed = self._submitted_cart([(self.kettle, 1)], partner_shipping_id=self.address_far.id)
        self.assertEqual(cart.dealer_review_state, "review")
        with self.assertRaises(AccessError):
            cart.with_user(self.sales_a).action_dealer_review_approve()
        with self.assertRaises(AccessError):
            cart.with_user(self.portal_a).action_dealer_review_approve()
        wizard = (
            self.env["sale.order.dealer.review"]
            .with_user(self.reviewer)
            .create({"order_id": cart.id, "decision": "reject", "note": " "})
        )
        with self.assertRaises(UserError):
            wizard.action_apply()
        cart.with_user(self.reviewer).action_dealer_review_approve()
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.dealer_review_state, "approved")
        self.assertEqual(cart.dealer_review_user_id, self.reviewer)

    def test_a_credit_manager_reviews_and_releases_credit_in_one_decision(self):
        self.dealer_a.credit_limit = 100.0
        cart, _confirmed = self._submitted_cart([(self.kettle, 2)], partner_shipping_id=self.address_a.id)
        self.assertEqual(cart.dealer_review_state, "review")
        self.assertIn("Credit limit", cart.dealer_review_reasons)
        manager = new_test_user(
            self.env,
            "t_portal_review_credit",
            groups="dealer_base.group_dealer_manager,dealer_credit.group_credit_manager",
        )
        action = cart.with_user(manager).action_dealer_review_approve()
        self.assertEqual(
            (action["res_model"], action["context"]["default_decision"]), ("sale.order.dealer.review", "approve")
        )
        wizard = self.env["sale.order.dealer.review"].with_user(manager).with_context(**action["context"]).create({})
        self.assertTrue(wizard.releases_credit)
        with self.assertRaisesRegex(UserError, "note"):
            wizard.action_apply()
        self.assertEqual((cart.state, cart.dealer_review_state, cart.credit_state), ("draft", "review", "none"))
        wizard.note = "Season stock, paid next week"
        wizard.action_apply()
        self.assertEqual((cart.state, cart.dealer_review_state, cart.credit_state), ("sale", "approved", "released"))
        self.assertEqual(cart.credit_decision_user_id, manager)
        self.assertEqual(cart.credit_decision_note, "Season stock, paid next week")

    def test_a_reviewer_without_credit_rights_is_told_that_the_order_waits_for_credit(self):
        self.dealer_a.credit_limit = 100.0
        cart, _confirmed = self._submitted_cart([(self.kettle, 2)], partner_shipping_id=self.address_a.id)
        self.assertFalse(self.reviewer.has_group("dealer_credit.group_credit_manager"))
        action = cart.with_user(self.reviewer).action_dealer_review_approve()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(cart.name, action["params"]["message"])
        self.assertEqual((cart.state, cart.dealer_review_state, cart.credit_state), ("draft", "approved", "hold"))
        # An order the credit does not hold is confirmed at once, whoever approves it.
        self.dealer_a.credit_limit = 0.0
        other, _confirmed = self._submitted_cart([(self.kettle, 1)], partner_shipping_id=self.address_far.id)
        self.assertIs(other.with_user(self.reviewer).action_dealer_review_approve(), True)
        self.assertEqual(other.state, "sale")

    def test_rejected_order_is_cancelled_with_the_reason_for_the_dealer(self):
        cart, _confirmed = self._submitted_cart([(self.kettle, 1)], partner_shipping_id=self.address_far.id)
        wizard = (
            self.env["sale.order.dealer.review"]
            .with_user(self.reviewer)
            .create({"order_id": cart.id, "decision": "reject", "note": "We do not ship to that depot."})
        )
        wizard.action_apply()
        self.assertEqual(cart.state, "cancel")
        self.assertEqual(cart.dealer_review_note, "We do not ship to that depot.")
        self.assertEqual(cart.dealer_portal_state, "cancel")

    def test_salesperson_ordering_for_a_dealer_goes_through_the_same_review(self):
        order = (
            self.env["sale.order"]
            .with_user(self.sales_a)
            .create(
                {
                    "partner_id": self.dealer_a.id,
                    "partner_shipping_id": self.address_far.id,
                    "order_line": [Command.create({"product_id": self.kettle.id, "product_uom_qty": 1})],
                }
            )
        )
        order.action_dealer_submit_for_dealer()
        self.assertEqual(order.dealer_review_state, "review")
        self.assertIn("outside the sales region", order.dealer_review_reasons)
        self.assertEqual(order.dealer_submitted_by_id, self.sales_a)
        order.partner_shipping_id = self.address_a
        order.dealer_review_state = "none"
        order.with_user(self.sales_a).action_dealer_submit_for_dealer()
        self.assertEqual(order.state, "sale")
        # Another salesperson's dealer cannot be ordered for.
        order_b = self._order(self.dealer_b)
        with self.assertRaises(AccessError):
            order_b.with_user(self.sales_a).action_dealer_submit_for_dealer()

    def test_credit_hold_on_confirmation_shows_as_under_review(self):
        self.dealer_a.credit_limit = 50.0
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 1}])
        cart.partner_shipping_id = self.address_a
        # The review passes (it was approved) but dealer_credit still holds the order at confirmation.
        cart.dealer_review_state = "approved"
        self.assertFalse(cart.with_user(self.portal_a).sudo()._dealer_portal_submit())
        self.assertEqual(cart.credit_state, "hold")
        self.assertEqual(cart.dealer_portal_state, "review")

    def test_dealer_changes_or_cancels_until_confirmed_then_requests_changes(self):
        held, _confirmed = self._submitted_cart([(self.kettle, 1)], partner_shipping_id=self.address_far.id)
        self.assertTrue(held._dealer_portal_can_change())
        held.with_user(self.portal_a).sudo()._dealer_portal_reopen(self.portal_a)
        self.assertEqual(self._cart(self.dealer_a, self.portal_a), held)
        self.assertEqual(held.dealer_review_state, "none")
        held.partner_shipping_id = self.address_a
        held.with_user(self.portal_a).sudo()._dealer_portal_submit()
        self.assertEqual(held.state, "sale")
        with self.assertRaises(UserError):
            held._dealer_portal_cancel()
        request = held.with_user(self.portal_a).sudo()._dealer_portal_request_change("Two more kettles please")
        self.assertEqual(request.state, "new")
        self.assertEqual(held.dealer_change_request_ids, request)
        self.assertTrue(held.activity_ids.filtered(lambda a: "change request" in (a.summary or "")))
        with self.assertRaises(UserError):
            request.action_refuse()
        request.answer = "Sent in a second order."
        request.action_done()
        self.assertEqual(request.state, "done")
        other, _confirmed = self._submitted_cart([(self.kettle, 1)], partner_shipping_id=self.address_far.id)
        other.with_user(self.portal_a).sudo()._dealer_portal_cancel()
        self.assertEqual(other.state, "cancel")

    def test_portal_state_follows_delivery_invoice_and_payment(self):
        cart, _confirmed = self._submitted_cart([(self.kettle, 2)], partner_shipping_id=self.address_a.id)
        self.assertEqual(cart.dealer_portal_state, "preparing")
        picking = cart.picking_ids
        picking.write({"dealer_carrier": "SF Express", "dealer_tracking_ref": "SF1234567890"})
        picking.move_ids.quantity = 2
        picking.button_validate()
        self.assertEqual(cart.dealer_portal_state, "shipped")
        self.assertTrue(cart.message_ids.filtered(lambda m: "shipped" in (m.subject or "")))
        shipped = cart.message_ids.filtered(lambda m: "shipped" in (m.subject or ""))
        self.assertIn("SF1234567890", str(shipped.body))
        cart.with_user(self.portal_a).sudo()._dealer_portal_confirm_receipt()
        self.assertEqual(cart.dealer_portal_state, "delivered")
        invoice = cart._create_invoices()
        invoice.action_post()
        self.assertEqual(cart.dealer_portal_state, "invoiced")
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {}
        )._create_payments()
        self.assertEqual(cart.dealer_portal_state, "paid")

    def test_portal_states_of_many_orders_are_computed_in_one_batch(self):
        orders = self.env["sale.order"]
        for _i in range(8):
            order = self._order(self.dealer_a)
            order.action_confirm()
            orders |= order
        counts = []
        for batch in (orders[:2], orders):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            batch.mapped("dealer_portal_state")
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
