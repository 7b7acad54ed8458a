from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import LICENCE, DealerCase


@tagged("post_install", "-at_install")
class TestDealerLifecycle(DealerCase):
    def test_duplicate_dealer_code_is_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._create_dealer("TA01", "Copycat Trading", self.sales_a, state="prospect")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Copycat Trading")]))

    def test_dealer_code_is_required_and_trimmed(self):
        with self.assertRaises(ValidationError):
            self._create_dealer(" ", "No Code Trading", self.sales_a, state="prospect")
        dealer = self._create_dealer("  TC09 ", "Trim Trading", self.sales_a, state="prospect")
        self.assertEqual(dealer.dealer_code, "TC09")

    def test_only_companies_can_be_dealers(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {"name": "Person", "is_company": False, "is_dealer": True, "dealer_code": "P1"}
            )

    def test_sub_dealer_cannot_be_its_own_parent_or_descendant(self):
        sub = self._create_dealer("TS01", "Sub Dealer", self.sales_a, dealer_parent_id=self.dealer_a.id)
        subsub = self._create_dealer("TS02", "Sub Sub Dealer", self.sales_a, dealer_parent_id=sub.id)
        self.assertEqual(self.dealer_a.dealer_child_ids, sub)
        with self.assertRaises(ValidationError):
            self.dealer_a.dealer_parent_id = self.dealer_a
        with self.assertRaises(ValidationError):
            self.dealer_a.dealer_parent_id = subsub
        self.assertFalse(self.dealer_a.dealer_parent_id)
        with self.assertRaises(ValidationError):
            sub.dealer_parent_id = self.env["res.partner"].create({"name": "Not a dealer", "is_company": True})

    def test_approval_needs_licence_and_salesperson(self):
        dealer = self._create_dealer("TN01", "New Trading", self.sales_a, state="pending", user_id=False)
        dealer.dealer_licence = False
        with self.assertRaisesRegex(UserError, "business licence.*salesperson"):
            dealer.with_user(self.manager).action_dealer_approve()
        self.assertEqual(dealer.dealer_state, "pending")
        dealer.write({"dealer_licence": LICENCE, "user_id": self.sales_a.id})
        dealer.with_user(self.manager).action_dealer_approve()
        self.assertEqual(dealer.dealer_state, "active")
        # An active dealer cannot lose its licence.
        with self.assertRaises(ValidationError):
            dealer.dealer_licence = False

    def test_approval_grants_portal_access_to_contacts(self):
        dealer = self._create_dealer("TN02", "Portal Trading", self.sales_a, state="pending")
        buyer = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": dealer.id, "email": "buyer@portal-trading.example.com"}
        )
        self.assertFalse(buyer.user_ids)
        dealer.with_user(self.manager).action_dealer_approve()
        self.assertTrue(buyer.user_ids)
        self.assertTrue(buyer.user_ids._is_portal())
        self.assertEqual(dealer.dealer_activation_date.isoformat()[:4], str(dealer.create_date.year))

    def test_only_managers_move_the_lifecycle(self):
        dealer = self._create_dealer("TN03", "Rights Trading", self.sales_a, state="pending")
        with self.assertRaises(AccessError):
            dealer.with_user(self.sales_a).action_dealer_approve()
        with self.assertRaises(UserError):
            dealer.with_user(self.sales_a).write({"dealer_state": "active"})
        with self.assertRaises(AccessError):
            self.dealer_a.with_user(self.sales_a)._action_dealer_suspend("because")
        self.assertEqual(dealer.dealer_state, "pending")

    def test_suspension_blocks_ordering_and_keeps_history(self):
        order = self._order(self.dealer_a)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        wizard = Form(
            self.env["res.partner.dealer.state"]
            .with_user(self.manager)
            .with_context(default_partner_id=self.dealer_a.id, default_action="suspend")
        )
        wizard.reason = "Unpaid invoices since March"
        wizard.save().action_confirm()
        self.assertEqual(self.dealer_a.dealer_state, "suspended")
        self.assertEqual(self.dealer_a.dealer_suspend_reason, "Unpaid invoices since March")
        self.assertIn("Unpaid invoices since March", self.dealer_a.message_ids[0].body)
        self.assertFalse(self.portal_a.partner_id.dealer_can_order)
        new_order = self._order(self.dealer_a)
        with self.assertRaisesRegex(UserError, "Dealer A Trading cannot order"):
            new_order.action_confirm()
        self.assertEqual(new_order.state, "draft")
        # The dealer's users keep their login and see their past orders.
        self.assertTrue(self.portal_a.active)
        self.assertEqual(self.env["sale.order"].with_user(self.portal_a).search([]), order)
        self.dealer_a.with_user(self.manager).action_dealer_reactivate()
        new_order.action_confirm()
        self.assertEqual(new_order.state, "sale")

    def test_suspension_needs_a_reason(self):
        with self.assertRaisesRegex(UserError, "reason"):
            self.dealer_a.with_user(self.manager)._action_dealer_suspend("  ")
        self.assertEqual(self.dealer_a.dealer_state, "active")

    def test_rejection_returns_application_with_reason(self):
        dealer = self._create_dealer("TN04", "Rejected Trading", self.sales_a, state="pending")
        dealer.with_user(self.manager)._action_dealer_reject("Licence expired")
        self.assertEqual(dealer.dealer_state, "prospect")
        self.assertIn("Licence expired", dealer.message_ids[0].body)

    def test_prospect_cannot_order(self):
        prospect = self._create_dealer("TN05", "Prospect Trading", self.sales_a, state="prospect")
        order = self._order(prospect)
        with self.assertRaisesRegex(UserError, "Prospect"):
            order.action_confirm()

    def test_region_hierarchy(self):
        country = self.env["dealer.region"].create({"name": "Testland", "code": "TL", "region_type": "country"})
        east = self.env["dealer.region"].create(
            {"name": "East", "code": "TL-E", "region_type": "region", "parent_id": country.id}
        )
        self.assertEqual(east.complete_name, "Testland / East")
        with self.assertRaises(UserError):
            country.parent_id = east
        with self.assertRaises(ValidationError):
            self.env["dealer.region"].create(
                {"name": "Bad", "code": "TL-B", "region_type": "country", "parent_id": east.id}
            )
