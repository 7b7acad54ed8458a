from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestDealerSecurity(DealerCase):
    def test_salesperson_sees_only_own_and_team_dealers(self):
        Partner = self.env["res.partner"]
        own = Partner.with_user(self.sales_a).search([("is_dealer", "=", True)])
        self.assertIn(self.dealer_a, own)
        self.assertNotIn(self.dealer_b, own)
        # A teammate sees the team's dealers; the other salesperson does not.
        self.assertIn(self.dealer_a, Partner.with_user(self.sales_a2).search([("is_dealer", "=", True)]))
        self.assertNotIn(self.dealer_a, Partner.with_user(self.sales_b).search([("is_dealer", "=", True)]))
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.sales_a).read(["name"])
        # The other dealer's contacts are hidden too.
        self.assertFalse(Partner.with_user(self.sales_a).search([("id", "=", self.portal_b.partner_id.id)]))

    def test_manager_sees_every_dealer(self):
        dealers = self.env["res.partner"].with_user(self.manager).search([("is_dealer", "=", True)])
        self.assertIn(self.dealer_a, dealers)
        self.assertIn(self.dealer_b, dealers)

    def test_portal_user_sees_only_own_dealer(self):
        Partner = self.env["res.partner"].with_user(self.portal_a)
        self.assertEqual(self.dealer_a.with_user(self.portal_a).dealer_code, "TA01")
        self.assertFalse(Partner.search([("id", "=", self.dealer_b.id)]))
        self.assertFalse(Partner.search([("dealer_code", "=", "TB01")]))
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.portal_a).read(["dealer_code"])
        with self.assertRaises(AccessError):
            self.dealer_a.with_user(self.portal_a).write({"dealer_code": "HACK"})

    def test_portal_user_sees_only_own_orders(self):
        order_a = self._order(self.dealer_a)
        order_b = self._order(self.dealer_b)
        (order_a | order_b).action_confirm()
        orders = self.env["sale.order"].with_user(self.portal_a).search([])
        self.assertIn(order_a, orders)
        self.assertNotIn(order_b, orders)
        with self.assertRaises(AccessError):
            order_b.with_user(self.portal_a).read(["name"])

    def test_portal_user_cannot_run_lifecycle_methods(self):
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.portal_b).action_dealer_reactivate()
        with self.assertRaises(AccessError):
            self.dealer_b.with_user(self.portal_a)._action_dealer_suspend("x")
        self.assertEqual(self.dealer_b.dealer_state, "active")

    def test_levels_and_regions_are_read_only_outside_managers(self):
        with self.assertRaises(AccessError):
            self.level_gold.with_user(self.sales_a).write({"name": "Bronze"})
        with self.assertRaises(AccessError):
            self.region.with_user(self.portal_a).write({"name": "Mine"})
        self.level_gold.with_user(self.manager).write({"description": "Top buyers"})
