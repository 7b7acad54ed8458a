import threading
from datetime import date
from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import RebateCase


@tagged("post_install", "-at_install")
class TestRebatePageReadsTheReplica(RebateCase, HttpCase):
    def test_rebates_page_is_read_only_and_served_without_writing(self):
        adapter = self.env["ir.http"].routing_map().bind("localhost")
        rule, _args = adapter.match("/my/dealer/rebates", method="GET", return_rule=True)
        self.assertTrue(rule.endpoint.routing["readonly"])
        self.program.date_end = date(2099, 12, 31)
        self._invoice(self.dealer_a, 123456, date(2025, 2, 1))
        served = []
        transactioning = http.Request._transactioning

        def spy(request, func, readonly):
            # Under the tests a read-only route runs in a read-only transaction, as on a replica:
            # a write there makes Odoo serve the request again on the primary ("ro->rw").
            def attempt(*args, **kwargs):
                served.append((request.httprequest.path, readonly, threading.current_thread().cursor_mode))
                return func(*args, **kwargs)

            return transactioning(request, attempt, readonly=readonly)

        self.authenticate("t_portal_a", "t_portal_a")
        with patch.object(http.Request, "_transactioning", spy):
            response = self.url_open("/my/dealer/rebates")
        self.assertEqual(response.status_code, 200)
        self.assertIn("123,456.00", response.text)
        self.assertEqual(served, [("/my/dealer/rebates", True, "ro")])
