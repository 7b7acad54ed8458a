from datetime import timedelta
from unittest.mock import patch

from odoo import fields, http
from odoo.http import request
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import config, mute_logger

from odoo.addons.dealer_base.tests.replica import ReplicaReadsMixin

from ..controllers.portal import DealerPortal
from ..controllers.replica import SESSION_KEY, dealer_portal_readonly
from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerPagesReadTheReplica(ReplicaReadsMixin, HttpCase, DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.dealer_a.id,
                "order_line": [(0, 0, {"product_id": cls.kettle.id, "product_uom_qty": 2})],
            }
        )
        cls.order.action_confirm()

    def _pages(self):
        return [
            "/my/dealer",
            "/my/dealer/catalog",
            "/my/dealer/catalog/page/1",
            "/my/dealer/orders",
            "/my/dealer/orders/page/1",
            f"/my/dealer/orders/{self.order.id}",
            "/my/dealer/statement",
            "/my/dealer/jobs",
            "/my/dealer/jobs/page/1",
        ]

    def test_dealer_reading_pages_are_marked_read_only(self):
        for path in self._pages():
            self.assertIs(self._route_readonly(path), dealer_portal_readonly, path)

    def test_dealer_reading_pages_are_served_without_writing(self):
        self.authenticate("t_portal_a", "t_portal_a")
        for path in self._pages():
            self.assertServedOnReplica(path)
        # The same pages with their filters and an empty cart once it exists.
        self.assertServedOnReplica("/my/dealer/orders?state=sale")
        self.assertServedOnReplica("/my/dealer/catalog?search=Kettle")
        # A period too long to list its documents: its balances only, read on the replica too.
        end = fields.Date.today() - timedelta(days=1)
        page = self.assertServedOnReplica(f"/my/dealer/statement?date_from={end - timedelta(days=400)}&date_to={end}")
        self.assertIn("o_dealer_statement_long", page.text)
        # With a job of the user: the home's entry, the list and the breadcrumb read it only.
        self.env["dealer.job"].sudo().create(
            {"name": "Replica job", "user_id": self.portal_a.id, "res_model": "res.partner", "res_id": self.dealer_a.id}
        )
        for path in ("/my/dealer", "/my/dealer/jobs"):
            self.assertIn("Replica job", self.assertServedOnReplica(path).text, path)
        self._cart(self.dealer_a, self.portal_a)._dealer_portal_add_rows(
            [{"ref": "1", "product_id": self.kettle.id, "qty": 1}]
        )
        self.assertServedOnReplica("/my/dealer")

    def test_pages_after_the_dealers_own_write_read_the_primary(self):
        self.authenticate("t_portal_a", "t_portal_a")
        self.assertServedOnReplica("/my/dealer/orders")
        with self.served() as calls:
            response = self._post("/my/dealer/catalog/add", {f"qty_{self.kettle.id}": "3"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/dealer/catalog", response.url)
        # The POST wrote on the primary; the catalog it redirects to (showing the flash and the
        # cart) is read on the primary too, and so is the next page within the window.
        self.assertEqual(
            [(path, readonly) for path, readonly, _retried in calls],
            [("/my/dealer/catalog/add", False), ("/my/dealer/catalog", False)],
        )
        with self.served() as calls:
            self.url_open("/my/dealer")
        self.assertEqual([(path, readonly) for path, readonly, _retried in calls], [("/my/dealer", False)])
        self.assertEqual(self._cart(self.dealer_a, self.portal_a).order_line.product_uom_qty, 3)
        # Once the replica has had time to replay the write, the session reads the replica again.
        with patch.dict(config.options, {"dealer_portal_read_your_writes_seconds": 0}):
            self.assertServedOnReplica("/my/dealer")

    def test_checkout_shows_the_new_order_from_the_primary(self):
        self.authenticate("t_portal_a", "t_portal_a")
        cart = self._cart(self.dealer_a, self.portal_a)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.kettle.id, "qty": 2}])
        form = {
            "partner_shipping_id": self.address_a.id,
            "client_order_ref": "PO-REPLICA-1",
            "dealer_payment_method": "credit",
        }
        with self.served() as calls:
            response = self._post("/my/dealer/checkout/submit", form)
        self.assertTrue(response.url.endswith(f"/my/dealer/orders/{cart.id}?submitted=1"), response.url)
        self.assertIn("PO-REPLICA-1", response.text)
        self.assertEqual(
            [(path, readonly) for path, readonly, _retried in calls],
            [("/my/dealer/checkout/submit", False), (f"/my/dealer/orders/{cart.id}", False)],
        )

    def test_a_page_retried_on_the_primary_sends_the_session_to_the_primary(self):
        # A read-only page that wrote after all is served again on the primary by Odoo: its
        # session then reads the primary for the window, as after any other write.
        original = DealerPortal._prepare_dealer_home_values

        def home_values_writing(controller, dealer):
            request.env.cr.execute("UPDATE res_partner SET write_date = write_date WHERE id = %s", [dealer.id])
            return original(controller, dealer)

        self.authenticate("t_portal_a", "t_portal_a")
        with (
            patch.object(DealerPortal, "_prepare_dealer_home_values", home_values_writing),
            self.served() as calls,
            mute_logger("odoo.http", "odoo.sql_db"),
        ):
            self.assertEqual(self.url_open("/my/dealer").status_code, 200)
        self.assertEqual(calls, [["/my/dealer", True, True]])
        with self.served() as calls:
            self.url_open("/my/dealer/orders")
        self.assertEqual([(path, readonly) for path, readonly, _retried in calls], [("/my/dealer/orders", False)])

    def test_an_employees_session_is_left_as_odoo_keeps_it(self):
        # Only portal users read the portal's replica pages: what an employee writes in the back
        # office never stamps the session (Odoo saves a session only when it changed).
        employee = new_test_user(self.env, "t_replica_employee", groups="base.group_user")
        self.authenticate("t_replica_employee", "t_replica_employee")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/res.users/write",
            {"model": "res.users", "method": "write", "args": [[employee.id], {"signature": "<p>E</p>"}], "kwargs": {}},
        )
        self.assertEqual(str(employee.signature), "<p>E</p>")
        self.assertNotIn(SESSION_KEY, self.session)
        self.assertNotIn(SESSION_KEY, http.root.session_store.get(self.session.sid))
