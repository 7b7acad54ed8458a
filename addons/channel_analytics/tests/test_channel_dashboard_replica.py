from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.replica import ReplicaReadsMixin

from .common import ChannelCase


@tagged("post_install", "-at_install")
class TestDashboardReadsTheReplica(ReplicaReadsMixin, HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sell(cls.dealer_a, cls._month(1), [(cls.product_x, 2, 150.0)])
        cls._refresh()

    def test_dashboard_data_is_read_only_and_served_without_writing(self):
        Dashboard = self.registry["channel.dashboard"]
        self.assertTrue(getattr(Dashboard.get_dashboard_data, "_readonly", False))
        self.authenticate("t_channel_manager", "t_channel_manager")
        filters = {"date_from": fields.Date.to_string(self._month(2, day=1)), "region_id": self.region.id}
        path = "/web/dataset/call_kw/channel.dashboard/get_dashboard_data"
        with self.served() as served:
            data = self.make_jsonrpc_request(
                path, {"model": "channel.dashboard", "method": "get_dashboard_data", "args": [filters], "kwargs": {}}
            )
        self.assertEqual(served, [[path, True, False]])
        self.assertNotIn("error", data)
        self.assertEqual(data["kpi"]["amount"], 300.0)
