from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.replica import ReplicaReadsMixin
from odoo.addons.dealer_channel_inventory.tests.channel_common import ChannelCase
from odoo.addons.dealer_portal.controllers.replica import dealer_portal_readonly


@tagged("post_install", "-at_install")
class TestInventoryPageReadsTheReplica(ReplicaReadsMixin, HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.dealer_a.id,
                "order_line": [Command.create({"product_id": cls.p1.id, "product_uom_qty": 12})],
            }
        )
        order.action_confirm()

    def test_inventory_page_is_read_only_and_served_without_writing(self):
        self.assertIs(self._route_readonly("/my/dealer/inventory"), dealer_portal_readonly)
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.assertServedOnReplica("/my/dealer/inventory")
        self.assertIn("T-CH-1", page.text)
        self.assertServedOnReplica(f"/my/dealer/inventory?period={self.week0}")
        # The dealer home with the inventory panel and its suggestions.
        self.assertServedOnReplica("/my/dealer")

    def test_saved_report_is_shown_from_the_primary(self):
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/inventory").text
        csrf = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        data = {"csrf_token": csrf, "period": str(self.week0), f"onhand_{self.p1.id}": "8", f"sold_{self.p1.id}": "2"}
        with self.served() as calls:
            self.assertEqual(self.url_open("/my/dealer/inventory", data=data).status_code, 200)
            self.url_open(f"/my/dealer/inventory?period={self.week0}")
        # The POST, the page it may redirect to and the next page: all on the primary.
        self.assertGreaterEqual(len(calls), 2)
        self.assertEqual({(path, readonly) for path, readonly, _retried in calls}, {("/my/dealer/inventory", False)})
