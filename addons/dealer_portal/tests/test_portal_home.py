from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.common import DealerCase


@tagged("post_install", "-at_install")
class TestDealerHome(HttpCase, DealerCase):
    def test_dealer_home_lists_own_open_orders_only(self):
        order_a = self._order(self.dealer_a)
        order_b = self._order(self.dealer_b)
        order_b.action_confirm()
        states = {s[0]: s[2] for s in self.dealer_a._dealer_portal_open_orders_by_state()}
        self.assertEqual(states, {"draft": 1})
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open("/my/dealer")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Dealer A Trading", response.text)
        self.assertNotIn("Dealer B Trading", response.text)
        self.assertIn("o_dealer_home_state", response.text)
        self.assertTrue(order_a)

    def test_non_dealer_user_is_sent_to_portal_home(self):
        self.authenticate("admin", "admin")
        response = self.url_open("/my/dealer", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
