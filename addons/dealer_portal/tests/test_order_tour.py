from odoo.tests import HttpCase, new_test_user, tagged

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerOrderTour(HttpCase, DealerPortalCase):
    def test_dealer_browses_adds_checks_out_and_gets_a_confirmation(self):
        self.start_tour("/my/dealer", "dealer_portal_order_tour", login="t_portal_a", timeout=180)
        order = self.env["sale.order"].search([("client_order_ref", "=", "PO-TOUR-1")])
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.dealer_a)
        self.assertEqual(
            {line.product_id: line.product_uom_qty for line in order.order_line}, {self.kettle: 12, self.cups: 6}
        )
        self.assertEqual(order.order_line.filtered(lambda line: line.product_id == self.kettle).price_unit, 80.0)

    def test_held_order_waits_in_the_review_queue_and_is_approved(self):
        new_test_user(
            self.env,
            "t_portal_review_manager",
            groups="dealer_base.group_dealer_manager,sales_team.group_sale_manager",
        )
        order = self._order(self.dealer_a)
        order.write({"partner_shipping_id": self.address_far.id, "client_order_ref": "PO-HELD-1"})
        order.action_dealer_submit_for_dealer()
        self.assertEqual(order.dealer_review_state, "review")
        self.start_tour(
            "/odoo/action-dealer_portal.sale_order_action_dealer_review",
            "dealer_portal_review_queue_tour",
            login="t_portal_review_manager",
            timeout=180,
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.dealer_review_state, "approved")


@tagged("post_install", "-at_install")
class TestDealerPhoneTour(HttpCase, DealerPortalCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_dealer_orders_on_a_phone(self):
        self.start_tour("/my/dealer", "dealer_portal_phone_tour", login="t_portal_a", timeout=180)
        order = self.env["sale.order"].search([("client_order_ref", "=", "PO-PHONE-1")])
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.dealer_a)
        self.assertEqual(
            {line.product_id: line.product_uom_qty for line in order.order_line}, {self.kettle: 12, self.cups: 12}
        )
