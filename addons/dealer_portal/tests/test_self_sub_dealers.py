from odoo.exceptions import AccessError
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common_self_service import SelfServiceCase


@tagged("post_install", "-at_install")
class TestSubDealers(HttpCase, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sub_a = cls._create_dealer("TA02", "Sub A Shop", cls.sales_a, dealer_parent_id=cls.dealer_a.id)
        cls.sub_a.dealer_parent_may_order = True
        cls.sub_b = cls._create_dealer("TB02", "Sub B Shop", cls.sales_b, dealer_parent_id=cls.dealer_b.id)
        cls.sub_b.dealer_parent_may_order = True
        cls.order_sub_a = cls._delivered_order(cls.sub_a, qty=3)
        cls.order_sub_b = cls._delivered_order(cls.sub_b, qty=3)

    def _order_for(self, sub_id):
        return self.opener.post(
            f"{self.base_url()}/my/dealer/sub-dealers/order-for",
            data={"csrf_token": Request.csrf_token(self), "sub_id": sub_id},
            timeout=30,
            allow_redirects=False,
        )

    def test_parent_sees_its_sub_dealers_orders_read_only(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        page = self.url_open("/my/dealer/sub-dealers").text
        self.assertIn("Sub A Shop", page)
        self.assertNotIn("Sub B Shop", page)
        page = self.url_open(f"/my/dealer/sub-dealers/{self.sub_a.id}").text
        self.assertIn(self.order_sub_a.name, page)
        for foreign in (self.sub_b, self.dealer_b):
            self.assertEqual(self.url_open(f"/my/dealer/sub-dealers/{foreign.id}").status_code, 404)
        # Read only: the parent's users get no access to the sub-dealer's records themselves.
        with self.assertRaises(AccessError):
            self.order_sub_a.with_user(self.portal_a).write({"client_order_ref": "X"})

    def test_order_on_behalf_is_rechecked_on_every_request(self):
        self.authenticate(self.portal_a.login, self.portal_a.login)
        self.assertEqual(self._order_for(self.sub_a.id).status_code, 303)
        home = self.url_open("/my/dealer").text
        self.assertIn("o_dealer_ordering_for", home)
        self.assertIn("Sub A Shop", home)
        # The brand withdraws the permission: the next request orders for the dealer itself again.
        self.sub_a.dealer_parent_may_order = False
        home = self.url_open("/my/dealer").text
        self.assertNotIn("o_dealer_ordering_for", home)
        self.assertEqual(self._order_for(self.sub_a.id).status_code, 403)
        self.assertEqual(self._order_for(self.sub_b.id).status_code, 403)
        self.assertEqual(self._order_for(self.dealer_b.id).status_code, 403)
        self.assertEqual(self._order_for(0).status_code, 303)

    def test_sub_dealer_checks_in_the_model(self):
        with self.assertRaises(AccessError):
            self.dealer_a._dealer_portal_check_sub_dealer(self.sub_b)
        self.assertEqual(self.dealer_a._dealer_portal_check_sub_dealer(self.sub_a, order=True), self.sub_a)
        self.sub_a.dealer_parent_may_order = False
        with self.assertRaises(AccessError):
            self.dealer_a._dealer_portal_check_sub_dealer(self.sub_a, order=True)
        self.assertEqual(self.dealer_a._dealer_portal_sub_dealer_orders(self.sub_a), self.order_sub_a)

    def test_buyer_without_admin_role_cannot_browse_sub_dealers(self):
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        self.assertEqual(self.url_open("/my/dealer/sub-dealers").status_code, 403)
        self.assertEqual(self.url_open(f"/my/dealer/sub-dealers/{self.sub_a.id}").status_code, 403)
