"""The same order sent twice at the same moment with one Idempotency-Key: one order, the same answer."""

import json
import threading

import requests

from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.dealer_base.tests.common import LICENCE
from odoo.addons.dealer_base.tests.concurrency import ConcurrentHttpCase

LOGIN = "t_parallel_api_order"


@tagged("post_install", "-at_install")
class TestApiOrdersParallel(ConcurrentHttpCase):
    def setUp(self):
        super().setUp()
        company_id = self.env.company.id

        def prepare(env):
            admin = env.ref("base.user_admin")
            dealer = (
                env["res.partner"]
                .with_company(company_id)
                .create(
                    {
                        "name": "Parallel API Dealer",
                        "is_company": True,
                        "is_dealer": True,
                        "dealer_code": "T-PAR-API",
                        "credit_limit": 1000000.0,
                        "user_id": admin.id,
                        "dealer_licence": LICENCE,
                        "dealer_licence_filename": "licence.pdf",
                    }
                )
            )
            dealer._dealer_set_state("active")
            contact = env["res.partner"].create(
                {"name": "Parallel API Buyer", "parent_id": dealer.id, "email": f"{LOGIN}@example.com"}
            )
            user = new_test_user(env, LOGIN, groups="base.group_portal", partner_id=contact.id)
            product = env["product.product"].create(
                {
                    "name": "Parallel API Service",
                    "default_code": "T-PAR-API-1",
                    "type": "service",
                    "list_price": 2400.0,
                    "taxes_id": False,
                }
            )
            key_record, key = env["dealer.api.key"]._generate(dealer, "Parallel ERP")
            env["ir.config_parameter"].set_param("dealer_api.rate_limit", "1000")
            return dealer.id, contact.id, user.id, product.id, key_record.id, key

        self.dealer_id, self.contact_id, self.user_id, self.product_id, self.key_id, self.key = self.committed(prepare)
        self.addCleanup(self.committed, self._cleanup)

    def _cleanup(self, env):
        orders = env["sale.order"].search([("partner_id", "child_of", self.dealer_id)])
        orders._action_cancel()
        orders.unlink()
        env["dealer.api.call"].search([("key_id", "=", self.key_id)]).unlink()
        env["dealer.api.key"].browse(self.key_id).unlink()
        env["res.users"].browse(self.user_id).unlink()
        env["product.product"].browse(self.product_id).unlink()
        env["res.partner"].browse([self.contact_id, self.dealer_id]).unlink()
        env["ir.config_parameter"].set_param("dealer_api.rate_limit", False)

    def _post_together(self, count, body, idempotency_key):
        barrier = threading.Barrier(count, timeout=60)
        responses, errors = [None] * count, []
        headers = {
            "Authorization": f"Bearer {self.key}",
            "Idempotency-Key": idempotency_key,
            "Content-Type": "application/json",
        }

        def send(index):
            try:
                barrier.wait()
                responses[index] = requests.post(
                    f"{self.base_url()}/dealer_api/v1/orders", data=json.dumps(body), headers=headers, timeout=60
                )
            except Exception as error:
                barrier.abort()
                errors.append(error)

        threads = [threading.Thread(target=send, args=(i,), daemon=True) for i in range(count)]
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        if errors:
            raise errors[0]
        return responses

    def test_parallel_submissions_with_one_idempotency_key_place_one_order(self):
        body = {"lines": [{"sku": "T-PAR-API-1", "qty": 2}], "client_order_ref": "PAR-1"}
        responses = self._post_together(2, body, "parallel-1")
        for response in responses:
            self.assertEqual(response.status_code, 200, response.text[:2000])
        first, second = (response.json()["order"] for response in responses)
        self.assertEqual(first["id"], second["id"])
        self.assertEqual((first["state"], first["hold_reasons"]), ("confirmed", []))

        def orders(env):
            found = env["sale.order"].search([("partner_id", "child_of", self.dealer_id)])
            return found.ids, found.mapped("state"), found.mapped("dealer_cart_user_id").ids

        ids, states, carts = self.committed(orders)
        self.assertEqual((ids, states, carts), ([first["id"]], ["sale"], []))
