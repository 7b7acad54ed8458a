from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.replica import ReplicaReadsMixin
from odoo.addons.dealer_portal.controllers.replica import dealer_portal_readonly

from .test_order_payment_common import OrderPaymentCase


@tagged("post_install", "-at_install")
class TestOrderPaymentPageReadsTheReplica(ReplicaReadsMixin, HttpCase, OrderPaymentCase):
    def test_order_page_with_its_payment_form_is_served_without_writing(self):
        order = self._confirmed_order()
        self.assertIs(self._route_readonly(f"/my/dealer/orders/{order.id}"), dealer_portal_readonly)
        self.authenticate("t_buyer_a", "t_buyer_a")
        page = self.assertServedOnReplica(f"/my/dealer/orders/{order.id}")
        self.assertIn("o_dealer_order_pay_now", page.text)

    def test_order_page_reads_the_primary_after_the_payment_transaction(self):
        order = self._confirmed_order()
        self.authenticate("t_buyer_a", "t_buyer_a")
        self.make_jsonrpc_request(
            f"/my/dealer/orders/{order.id}/transaction",
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "token_id": None,
                "amount": order.amount_total,
                "flow": "redirect",
                "tokenization_requested": False,
                "landing_route": f"/my/dealer/orders/{order.id}",
                "is_validation": False,
            },
        )
        with self.served() as calls:
            self.url_open(f"/my/dealer/orders/{order.id}")
        self.assertEqual(
            [(path, readonly) for path, readonly, _retried in calls], [(f"/my/dealer/orders/{order.id}", False)]
        )
