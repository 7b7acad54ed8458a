"""Serving pages as on a production server with a replica (see dealer_portal/controllers/replica.py).

Under the tests, a route served ``readonly`` runs in a read-only transaction (Odoo's TestCursor
sets ``SET TRANSACTION READ ONLY``), exactly as on a replica: a write raises, and Odoo logs it and
serves the whole request again on the primary. ``served`` records, for each request, whether Odoo
opened it read-only, and whether it had to be retried.
"""

import contextlib
import threading
from unittest.mock import patch

from odoo import http


class ReplicaReadsMixin:
    def _route_readonly(self, path):
        """The ``readonly`` of the route serving GET ``path`` (a bool, or a callable)."""
        adapter = self.env["ir.http"].routing_map().bind("localhost")
        rule, _args = adapter.match(path, method="GET", return_rule=True)
        return rule.endpoint.routing["readonly"]

    @contextlib.contextmanager
    def served(self):
        """Yield a list filled with [path, readonly, retried] for each request served: whether
        Odoo opened it read-only, and whether it then served it again on the primary."""
        calls = []
        transactioning = http.Request._transactioning

        def spy(request, func, readonly):
            entry = [request.httprequest.path, readonly, False]
            calls.append(entry)

            def attempt(*args, **kwargs):
                if threading.current_thread().cursor_mode == "ro->rw":
                    entry[2] = True
                return func(*args, **kwargs)

            return transactioning(request, attempt, readonly=readonly)

        with patch.object(http.Request, "_transactioning", spy):
            yield calls

    def assertServedOnReplica(self, path, status=200):
        """GET ``path``: served in one read-only transaction, never retried on the primary."""
        with self.served() as calls:
            response = self.url_open(path, allow_redirects=False)
        self.assertEqual(response.status_code, status, path)
        served = [(p, readonly, retried) for p, readonly, retried in calls]
        self.assertEqual(served, [(path.split("?")[0], True, False)], path)
        return response
