from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ApiOrdersCase


@tagged("post_install", "-at_install")
class TestApiOrders(ApiOrdersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer_a = cls._create_portal_user(cls.dealer_a, "t_api_buyer_a")
        cls.accountant_a = cls._create_portal_user(cls.dealer_a, "t_api_accountant_a")
        Role = cls.env["dealer.user.role"]
        Role.create({"user_id": cls.buyer_a.id, "partner_id": cls.dealer_a.id, "is_buyer": True, "order_limit": 500})
        Role.create({"user_id": cls.accountant_a.id, "partner_id": cls.dealer_a.id, "is_accountant": True})

    def test_order_placed_through_the_api_is_confirmed_as_in_the_portal(self):
        # What the same user has in its portal cart stays there, apart from the API's order.
        portal_cart = self._cart(self.dealer_a, self.admin_a)
        portal_cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.fan.id, "qty": 3}])
        status, answer = self._place(
            self.key_a,
            [{"sku": "PT-KETTLE", "qty": 12}, {"sku": "6900000000017", "qty": 1}, {"sku": "PT-FAN", "qty": 1}],
            client_order_ref="PO-4711",
            requested_date=fields.Date.to_string(fields.Date.today() + timedelta(days=7)),
            note="Gate 3",
        )
        self.assertEqual(status, 200, answer)
        self.assertEqual(len(self.admin_a), 1, "placed as the dealer's own portal user")
        order = answer["order"]
        self.assertEqual((order["state"], order["hold_reasons"]), ("confirmed", []))
        self.assertEqual(order["client_order_ref"], "PO-4711")
        # The barcode names the same product: one line of 13 kettles at the break price of 10.
        lines = {line["sku"]: line for line in order["lines"]}
        self.assertEqual((lines["PT-KETTLE"]["qty"], lines["PT-KETTLE"]["price_unit"]), (13.0, 80.0))
        self.assertEqual(order["amount_total"], 13 * 80.0 + 200.0)
        record = self.env["sale.order"].browse(order["id"])
        self.assertEqual((record.state, record.dealer_submitted_by_id), ("sale", self.admin_a))
        self.assertEqual(record.partner_shipping_id, self.address_a)
        self.assertEqual(len(order["shipments"]), 1)
        carts = self.env["sale.order"].search([("dealer_cart_user_id", "in", (self.admin_a | self.portal_a).ids)])
        self.assertEqual(carts, portal_cart)
        self.assertEqual((portal_cart.state, portal_cart.order_line.product_uom_qty), ("draft", 3.0))

    def test_refused_lines_are_all_listed_and_nothing_is_saved(self):
        before = self._dealer_orders(self.dealer_a)
        status, answer = self._place(
            self.key_a,
            [
                {"sku": "NOPE-1", "qty": 1},
                {"sku": "PT-PAN", "qty": 1},
                {"sku": "PT-CUPS", "qty": 5},
                {"sku": "PT-KETTLE", "qty": 2},
                {"sku": "PT-FAN", "qty": "many"},
                {"sku": "PT-FAN", "qty": -1},
                {"qty": 1},
            ],
        )
        self.assertEqual((status, answer["error"]), (422, "invalid_lines"))
        errors = {error["line"]: error for error in answer["errors"]}
        self.assertEqual(sorted(errors), [1, 2, 3, 5, 6, 7])
        self.assertIn("Unknown product code NOPE-1", errors[1]["message"])
        self.assertIn("not in your authorised assortment", errors[2]["message"])
        self.assertEqual(errors[3]["sku"], "PT-CUPS")
        self.assertIn("minimum quantity is 6", errors[3]["message"])
        self.assertIsNone(errors[7]["sku"])
        self.assertEqual(self._dealer_orders(self.dealer_a), before)
        # The key may be used again once the lines are right: nothing was applied.
        status, _answer = self._call(
            self.key_a,
            "order_create",
            body={"lines": [{"sku": "PT-KETTLE", "qty": 2}]},
            idempotency_key="again-1",
        )
        self.assertEqual(status, 200)

    def test_order_refused_by_the_checkout_saves_nothing(self):
        before = self._dealer_orders(self.dealer_a)
        for body, expected in (
            ({"payment_method": "barter"}, "Choose a payment method."),
            ({"delivery_address_id": self.dealer_b.id}, "Choose one of your delivery addresses."),
            ({"requested_date": "2001-01-01"}, "in the past"),
            ({"payment_method": "deposit"}, "Your deposit holds"),
        ):
            status, answer = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 1}], **body)
            self.assertEqual((status, answer["error"]), (422, "order_refused"), body)
            self.assertIn(expected, answer["message"])
        self.assertEqual(self._dealer_orders(self.dealer_a), before)
        for body in ({"lines": []}, {"lines": "PT-KETTLE"}, {"lines": [{"sku": "X", "qty": 1}] * 501}):
            status, answer = self._call(self.key_a, "order_create", body=body)
            self.assertEqual((status, answer["error"]), (400, "invalid_payload"))

    def test_order_over_credit_is_held_with_its_reasons(self):
        self.dealer_a.credit_limit = 100.0
        status, answer = self._place(
            self.key_a, [{"sku": "PT-KETTLE", "qty": 5}], delivery_address_id=self.address_far.id
        )
        self.assertEqual(status, 200, answer)
        order = answer["order"]
        self.assertEqual((order["state"], order["portal_state"]), ("held", "review"))
        self.assertTrue(any("Credit limit of Dealer A Trading exceeded" in r for r in order["hold_reasons"]))
        self.assertTrue(any("outside the sales region" in r for r in order["hold_reasons"]))
        self.assertEqual(self.env["sale.order"].browse(order["id"]).state, "draft")
        status, listed = self._call(self.key_a, "order_list", params={"state": "held"})
        self.assertEqual([o["id"] for o in listed["orders"]], [order["id"]])

    def test_key_acting_as_a_buyer_keeps_its_limit_and_the_dealers_approval(self):
        self.key_a_record.with_user(self.manager)._dealer_portal_set_user(self.buyer_a)
        status, answer = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 6}])
        self.assertEqual(status, 200, answer)
        order = answer["order"]
        self.assertEqual(order["state"], "waiting_approval")
        self.assertIn("waiting for the approval", order["hold_reasons"][0])
        record = self.env["sale.order"].browse(order["id"])
        self.assertEqual((record.dealer_submitted_by_id, record.dealer_approval_state), (self.buyer_a, "waiting"))
        # Within its limit the buyer's order goes straight to the brand's review, and is confirmed.
        status, answer = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 1}])
        self.assertEqual(answer["order"]["state"], "confirmed")
        # A buyer sees no invoices, and may not read the statement.
        status, answer = self._call(self.key_a, "invoice_list")
        self.assertEqual((status, answer["error"]), (403, "missing_role"))
        self.key_a_record.with_user(self.manager)._dealer_portal_set_user(self.accountant_a)
        status, answer = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 1}])
        self.assertEqual((status, answer["error"]), (403, "missing_role"))

    def test_key_acting_as_an_archived_user_is_refused(self):
        self.key_a_record.with_user(self.manager)._dealer_portal_set_user(self.buyer_a)
        self.buyer_a.active = False
        for operation in ("order_list", "return_list"):
            status, answer = self._call(self.key_a, operation)
            self.assertEqual((status, answer["error"]), (403, "acting_user_inactive"))
        status, answer = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 1}])
        self.assertEqual((status, answer["error"]), (403, "acting_user_inactive"))
        self.assertFalse(self._dealer_orders(self.dealer_a))

    def test_only_a_dealer_manager_sets_a_user_of_the_keys_own_dealer(self):
        with self.assertRaises(ValidationError):
            self.key_a_record.with_user(self.manager)._dealer_portal_set_user(self.portal_b)
        with self.assertRaises(AccessError):
            self.key_a_record.with_user(self.sales_a)._dealer_portal_set_user(self.buyer_a)
        wizard = (
            self.env["dealer.api.key.acting.user"]
            .with_user(self.manager)
            .create({"key_id": self.key_a_record.id, "user_id": self.buyer_a.id})
        )
        wizard.action_apply()
        self.assertEqual(self.key_a_record.dealer_user_id, self.buyer_a)

    def test_replay_answers_the_same_order_and_another_body_409(self):
        body = {"lines": [{"sku": "PT-FAN", "qty": 2}]}
        first = self._call(self.key_a, "order_create", body=body, idempotency_key="po-1")
        again = self._call(self.key_a, "order_create", body=body, idempotency_key="po-1")
        self.assertEqual(first, again)
        self.assertEqual(len(self._dealer_orders(self.dealer_a)), 1)
        other = self._call(
            self.key_a, "order_create", body={"lines": [{"sku": "PT-FAN", "qty": 3}]}, idempotency_key="po-1"
        )
        self.assertEqual((other[0], other[1]["error"]), (409, "idempotency_key_reused"))
        # The order keeps the key as its submission key: found again even without the call's log.
        self.env["dealer.api.call"].search([("request_id", "=", "po-1")]).unlink()
        third = self._call(self.key_a, "order_create", body=body, idempotency_key="po-1")
        self.assertEqual(third[1]["order"]["id"], first[1]["order"]["id"])
        self.assertEqual(len(self._dealer_orders(self.dealer_a)), 1)

    def test_integration_key_needs_the_scope_and_names_the_dealer(self):
        status, answer = self._place(self.catalog_key, [{"sku": "PT-FAN", "qty": 1}], params={"dealer": "TA01"})
        self.assertEqual((status, answer["error"]), (403, "missing_scope"))
        status, answer = self._call(self.catalog_key, "order_list", params={"dealer": "TA01"})
        self.assertEqual((status, answer["error"]), (403, "missing_scope"))
        status, answer = self._place(self.orders_key, [{"sku": "PT-FAN", "qty": 1}])
        self.assertEqual((status, answer["error"]), (400, "dealer_required"))
        status, answer = self._place(self.orders_key, [{"sku": "PT-FAN", "qty": 1}], params={"dealer": "TA01"})
        self.assertEqual(status, 200, answer)
        record = self.env["sale.order"].browse(answer["order"]["id"])
        self.assertEqual((record.partner_id, record.dealer_submitted_by_id), (self.dealer_a, self.admin_a))
        status, answer = self._call(self.orders_key, "order_get", params={"dealer": "TA01"}, order_id=record.id)
        self.assertEqual((status, answer["order"]["reference"]), (200, record.name))
        status, answer = self._call(self.orders_key, "order_get", params={"dealer": "TB01"}, order_id=record.id)
        self.assertEqual((status, answer["error"]), (404, "not_found"))

    def test_another_dealers_order_return_and_invoice_are_not_found(self):
        order_a = self._place(self.key_a, [{"sku": "PT-FAN", "qty": 1}])[1]["order"]
        status, answer = self._call(self.key_b, "order_get", order_id=order_a["id"])
        self.assertEqual((status, answer["error"]), (404, "not_found"))
        self.assertNotIn(order_a["reference"], str(answer))
        status, answer = self._call(self.key_b, "order_list")
        self.assertNotIn(order_a["id"], [o["id"] for o in answer["orders"]])
        body = {
            "order_id": order_a["id"],
            "reason": "Broken",
            "lines": [{"line_id": order_a["lines"][0]["id"], "qty": 1}],
        }
        status, answer = self._call(self.key_b, "return_create", body=body)
        self.assertEqual((status, answer["error"]), (404, "not_found"))
        record = self.env["sale.order"].browse(order_a["id"])
        invoice = record._create_invoices()
        invoice.action_post()
        status, answer = self._call(self.key_b, "invoice_list")
        self.assertNotIn(invoice.name, [i["number"] for i in answer["invoices"]])
        status, answer = self._call(self.key_a, "invoice_list")
        self.assertIn(invoice.name, [i["number"] for i in answer["invoices"]])
        status, answer = self._call(self.key_b, "invoice_get", invoice_id=invoice.id)
        self.assertEqual((status, answer["error"]), (404, "not_found"))
        self.assertNotIn(invoice.name, str(answer))
        status, answer = self._call(self.key_a, "invoice_get", invoice_id=invoice.id)
        self.assertEqual((status, answer["invoice"]["number"]), (200, invoice.name))
        self.assertEqual(self._call(self.key_b, "order_get", order_id=0)[0], 404)

    def test_order_list_is_paged_filtered_and_its_queries_do_not_grow(self):
        for qty in range(1, 7):
            self._place(self.key_a, [{"sku": "PT-FAN", "qty": qty}, {"sku": "PT-KETTLE", "qty": qty}])
        status, first = self._call(self.key_a, "order_list", params={"limit": "4"})
        self.assertEqual((status, first["total"], first["pages"], len(first["orders"])), (200, 6, 2, 4))
        second = self._call(self.key_a, "order_list", params={"limit": "4", "page": "2"})[1]
        self.assertEqual(len(second["orders"]), 2)
        self.assertFalse({o["id"] for o in first["orders"]} & {o["id"] for o in second["orders"]})
        future = fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=1)).replace(" ", "T") + "Z"
        self.assertEqual(self._call(self.key_a, "order_list", params={"updated_since": future})[1]["total"], 0)
        self.assertEqual(self._call(self.key_a, "order_list", params={"updated_since": "2000-01-01"})[1]["total"], 6)
        self.assertEqual(self._call(self.key_a, "order_list", params={"state": "confirmed"})[1]["total"], 6)
        self.assertEqual(self._call(self.key_a, "order_list", params={"state": "shipped"})[1]["total"], 0)
        for params in ({"state": "lost"}, {"updated_since": "yesterday"}, {"limit": "0"}):
            status, answer = self._call(self.key_a, "order_list", params=params)
            self.assertEqual((status, answer["error"]), (400, "invalid_parameter"), params)

        def queries(limit):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            status, answer = self._call(self.key_a, "order_list", params={"limit": str(limit)})
            self.assertEqual((status, len(answer["orders"])), (200, limit))
            return self.env.cr.sql_log_count - before

        queries(1)
        self.assertEqual(queries(1), queries(6))
        self.env.invalidate_all()
        with self.assertQueryCount(60):
            self._call(self.key_a, "order_list")

    def test_shipped_order_tells_its_tracking_numbers_and_invoices(self):
        order = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 4}])[1]["order"]
        record = self.env["sale.order"].browse(order["id"])
        picking = record.picking_ids
        picking.write({"dealer_carrier": "SF Express", "dealer_tracking_ref": "SF123, SF124"})
        picking.move_ids.write({"quantity": 1, "picked": True})
        picking.with_context(skip_backorder=True).button_validate()  # the rest goes on a backorder
        answer = self._call(self.key_a, "order_get", order_id=record.id)[1]["order"]
        self.assertEqual(answer["state"], "partially_shipped")
        shipped = next(s for s in answer["shipments"] if s["state"] == "done")
        self.assertEqual((shipped["carrier"], shipped["tracking_numbers"]), ("SF Express", ["SF123", "SF124"]))
        self.assertEqual(answer["lines"][0]["qty_delivered"], 1.0)
        invoice = record._create_invoices()
        invoice.action_post()
        answer = self._call(self.key_a, "order_get", order_id=record.id)[1]["order"]
        self.assertEqual(
            answer["invoices"],
            [
                {
                    "number": invoice.name,
                    "type": "invoice",
                    "date": fields.Date.to_string(invoice.invoice_date),
                    "amount_total": invoice.amount_total,
                    "amount_residual": invoice.amount_total,
                    "payment_state": "not_paid",
                }
            ],
        )

    def test_invoices_and_statement_as_the_portal_computes_them(self):
        order = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 2}], client_order_ref="PO-9")[1]["order"]
        invoice = self.env["sale.order"].browse(order["id"])._create_invoices()
        invoice.action_post()
        status, answer = self._call(self.key_a, "invoice_list")
        self.assertEqual(status, 200)
        listed = answer["invoices"][0]
        self.assertEqual((listed["number"], listed["type"], listed["amount_total"]), (invoice.name, "invoice", 200.0))
        self.assertEqual(listed["orders"], [{"id": order["id"], "reference": order["reference"]}])
        self.assertEqual(listed["due_date"], fields.Date.to_string(invoice.invoice_date_due))
        today = fields.Date.to_string(fields.Date.context_today(invoice))
        status, statement = self._call(self.key_a, "statement", params={"date_from": today, "date_to": today})
        self.assertEqual(status, 200, statement)
        data = self.env["dealer.statement"]._dealer_statement_data(self.dealer_a, invoice.date, invoice.date)
        self.assertEqual(statement["closing_balance"], data["closing"])
        self.assertEqual([(line["document"], line["kind"]) for line in statement["lines"]], [(invoice.name, "invoice")])
        self.assertEqual(statement["lines"][0]["debit"], 200.0)
        status, answer = self._call(self.key_a, "statement", params={"date_from": "2020-01-01", "date_to": today})
        self.assertEqual((status, answer["error"], answer["max_days"]), (400, "period_too_long", 92))
        for params in ({"date_from": "2024-02-30", "date_to": today}, {"date_from": today, "date_to": "2000-01-01"}):
            status, answer = self._call(self.key_a, "statement", params=params)
            self.assertEqual((status, answer["error"]), (400, "invalid_period"))
        self.assertEqual(
            self._call(self.key_b, "statement", params={"date_from": today, "date_to": today})[1]["lines"], []
        )

    def test_return_of_delivered_goods_within_the_delivered_quantity(self):
        order = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": 4}])[1]["order"]
        record = self.env["sale.order"].browse(order["id"])
        record.picking_ids.move_ids.write({"quantity": 4})
        record.picking_ids.button_validate()
        line_id = order["lines"][0]["id"]
        before = self.env["dealer.return"].search_count([])
        body = {"order_id": order["id"], "reason": "Dented", "lines": [{"line_id": line_id, "qty": 5}]}
        status, answer = self._call(self.key_a, "return_create", body=body)
        self.assertEqual((status, answer["error"]), (422, "return_refused"))
        self.assertIn("at most 4", answer["message"])
        body = {
            "order_id": order["id"],
            "reason": "Dented",
            "lines": [{"line_id": 999999999, "qty": 1}, {"sku": "PT-KETTLE", "qty": 0}],
        }
        status, answer = self._call(self.key_a, "return_create", body=body)
        self.assertEqual(([e["line"] for e in answer["errors"]], status), ([1, 2], 422))
        self.assertEqual(self.env["dealer.return"].search_count([]), before)
        body = {"order_id": order["id"], "reason": "Dented", "lines": [{"sku": "PT-KETTLE", "qty": 3}]}
        status, answer = self._call(self.key_a, "return_create", body=body)
        self.assertEqual(status, 200, answer)
        created = answer["return"]
        self.assertEqual(
            (created["state"], created["lines"][0]["qty"], created["order_id"]), ("requested", 3.0, order["id"])
        )
        self.assertEqual(self.env["dealer.return"].browse(created["id"]).user_id, self.admin_a)
        # 3 of 4 requested: one more is all that is left.
        body = {"order_id": order["id"], "reason": "Dented", "lines": [{"line_id": line_id, "qty": 2}]}
        self.assertEqual(self._call(self.key_a, "return_create", body=body)[0], 422)
        listed = self._call(self.key_a, "return_list")[1]
        self.assertEqual([r["id"] for r in listed["returns"]], [created["id"]])
        self.assertEqual(self._call(self.key_b, "return_list")[1]["returns"], [])
        self.assertEqual(self._call(self.key_b, "return_get", return_id=created["id"])[0], 404)
        self.assertEqual(self._call(self.key_a, "return_get", return_id=created["id"])[1]["return"], created)
        status, answer = self._call(self.orders_key, "return_list", params={"dealer": "TA01"})
        self.assertEqual((status, answer["total"]), (200, 1))

    def _list_queries(self, operation, limit):
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        status, answer = self._call(self.key_a, operation, params={"limit": str(limit)})
        self.assertEqual(status, 200, answer)
        self.assertEqual(len(next(v for v in answer.values() if isinstance(v, list))), limit)
        return self.env.cr.sql_log_count - before

    def test_invoice_and_return_lists_queries_do_not_grow(self):
        orders = self.env["sale.order"]
        for qty in range(1, 6):
            placed = self._place(self.key_a, [{"sku": "PT-KETTLE", "qty": qty}])[1]["order"]
            orders |= self.env["sale.order"].browse(placed["id"])
        for order in orders:
            order._create_invoices().action_post()
        self._list_queries("invoice_list", 1)
        self.assertEqual(self._list_queries("invoice_list", 1), self._list_queries("invoice_list", 5))
        picking = orders[-1].picking_ids
        picking.move_ids.write({"quantity": 5})
        picking.button_validate()
        line = orders[-1].order_line
        Return = self.env["dealer.return"].with_user(self.admin_a)
        for _n in range(5):
            Return._dealer_portal_request(orders[-1].with_user(self.admin_a), {line.id: 1}, "Dented")
        self._list_queries("return_list", 1)
        self.assertEqual(self._list_queries("return_list", 1), self._list_queries("return_list", 5))

    def test_dealer_without_portal_user_is_read_but_not_ordered_for(self):
        users_b = self.env["res.users"].search([("partner_id", "child_of", self.dealer_b.id), ("share", "=", True)])
        users_b.active = False
        status, answer = self._place(self.key_b, [{"sku": "PT-KETTLE", "qty": 1}])
        self.assertEqual((status, answer["error"]), (422, "no_portal_user"))
        self.assertFalse(self._dealer_orders(self.dealer_b))
        self.assertEqual(self._call(self.key_b, "order_list")[0], 200)
        today = fields.Date.to_string(fields.Date.today())
        self.assertEqual(self._call(self.key_b, "statement", params={"date_from": today, "date_to": today})[0], 200)
