import threading
from unittest.mock import patch

from odoo import fields, http
from odoo.tests import HttpCase, tagged

from .common import ChannelCase


@tagged("post_install", "-at_install")
class TestDashboardReadsTheReplica(HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sell(cls.dealer_a, cls._month(1), [(cls.product_x, 2, 150.0)])
        cls._refresh()

    def test_dashboard_data_is_read_only_and_served_without_writing(self):
        Dashboard = self.registry["channel.dashboard"]
        self.assertTrue(getattr(Dashboard.get_dashboard_data, "_readonly", False))
        served = []
        transactioning = http.Request._transactioning

        def spy(request, func, readonly):
            # Under the tests a read-only call runs in a read-only transaction, as on a replica:
            # a write there makes Odoo run it again on the primary ("ro->rw").
            def attempt(*args, **kwargs):
                served.append((request.httprequest.path, readonly, threading.current_thread().cursor_mode))
                return func(*args, **kwargs)

            return transactioning(request, attempt, readonly=readonly)

        self.authenticate("t_channel_manager", "t_channel_manager")
        filters = {"date_from": fields.Date.to_string(self._month(2, day=1)), "region_id": self.region.id}
        path = "/web/dataset/call_kw/channel.dashboard/get_dashboard_data"
        with patch.object(http.Request, "_transactioning", spy):
            data = self.make_jsonrpc_request(
                path, {"model": "channel.dashboard", "method": "get_dashboard_data", "args": [filters], "kwargs": {}}
            )
        self.assertEqual(served, [(path, True, "ro")])
        self.assertNotIn("error", data)
        self.assertEqual(data["kpi"]["amount"], 300.0)
