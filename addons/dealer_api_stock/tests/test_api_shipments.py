from odoo import Command

from odoo.addons.dealer_api.tests.common import ApiCase

from ..controllers.shipments import SHIPMENTS_CREATE

PATH = "/dealer_api/v1/shipments"


class TestApiShipments(ApiCase):
    """The brand's warehouse system pushes shipments of dealers' orders with their tracking numbers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Key = cls.env["dealer.api.key"]
        cls.wms_key = Key._generate_integration("Brand WMS", ["shipments:write"])[1]
        cls.env["ir.config_parameter"].sudo().set_param("dealer_api.rate_limit", "1000")
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.stock = cls.warehouse.lot_stock_id
        Product = cls.env["product.product"]
        cls.kettle = Product.create(
            {"name": "Shipped Kettle", "default_code": "SH-KETTLE", "is_storable": True, "list_price": 100.0}
        )
        cls.fan = Product.create(
            {"name": "Shipped Fan", "default_code": "SH-FAN", "barcode": "6900000009991", "is_storable": True}
        )
        cls.heater = Product.create(
            {"name": "Lot Heater", "default_code": "SH-HEATER", "is_storable": True, "tracking": "lot"}
        )
        cls.lot = cls.env["stock.lot"].create({"name": "LOT-2026-11", "product_id": cls.heater.id})
        Quant = cls.env["stock.quant"]
        for product, lot in ((cls.kettle, None), (cls.fan, None), (cls.heater, cls.lot)):
            Quant._update_available_quantity(product, cls.stock, 100, lot_id=lot)

    def _sale(self, partner, lines):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": p.id, "product_uom_qty": q}) for p, q in lines],
            }
        )
        order.action_confirm()
        return order

    def _push(self, body, key=None, idempotency="ship-1"):
        headers = {"Idempotency-Key": idempotency} if idempotency else {}
        return self._process(
            key or self.wms_key, body=body, headers=headers, path=PATH, **SHIPMENTS_CREATE.route_values()
        )

    def _shipment(self, order, **values):
        return dict({"order": order.name, "carrier": "SF Express", "tracking_numbers": ["SF1234567890"]}, **values)

    def test_a_shipment_without_lines_ships_the_whole_order_with_its_tracking_numbers(self):
        order = self._sale(self.dealer_a, [(self.kettle, 3), (self.fan, 2)])
        body = self._shipment(order, tracking_numbers=["SF1234567890", "SF1234567891"])
        status, answer, _headers = self._push(body)
        self.assertEqual(status, 200, answer)
        picking = order.picking_ids
        self.assertEqual(picking.state, "done")
        self.assertEqual(
            (picking.dealer_carrier, picking.dealer_tracking_ref), ("SF Express", "SF1234567890, SF1234567891")
        )
        self.assertEqual(order.order_line.mapped("qty_delivered"), [3.0, 2.0])
        self.assertEqual((answer["order"], answer["dealer"], answer["backorders"]), (order.name, "TA01", []))
        [shipment] = answer["shipments"]
        self.assertEqual(
            (shipment["name"], shipment["state"], shipment["tracking_numbers"]),
            (picking.name, "done", ["SF1234567890", "SF1234567891"]),
        )
        self.assertEqual(
            sorted((line["sku"], line["qty"]) for line in shipment["lines"]), [("SH-FAN", 2.0), ("SH-KETTLE", 3.0)]
        )

    def test_the_call_log_names_the_orders_dealer(self):
        order = self._sale(self.dealer_b, [(self.kettle, 1)])
        self.assertEqual(self._push(self._shipment(order))[0], 200)
        log = self.Call.search([("path", "=", PATH)], limit=1)
        self.assertEqual((log.status_code, log.dealer_id), (200, self.dealer_b))

    def test_a_partial_shipment_leaves_the_rest_in_a_backorder(self):
        order = self._sale(self.dealer_a, [(self.kettle, 5), (self.fan, 2)])
        body = self._shipment(order, lines=[{"sku": "SH-KETTLE", "qty": 2}], shipped_at="2026-11-20T08:30:00+08:00")
        status, answer, _headers = self._push(body)
        self.assertEqual(status, 200, answer)
        shipped = order.picking_ids.filtered(lambda p: p.state == "done")
        backorder = order.picking_ids - shipped
        self.assertEqual(backorder.backorder_id, shipped)
        self.assertEqual(answer["backorders"], [{"name": backorder.name, "state": backorder.state}])
        self.assertEqual(str(shipped.date_done), "2026-11-20 00:30:00")
        self.assertEqual(answer["shipments"][0]["shipped_at"], "2026-11-20T00:30:00Z")
        self.assertEqual(shipped.move_ids.mapped(lambda m: (m.product_id, m.quantity)), [(self.kettle, 2.0)])
        self.assertEqual(
            sorted(backorder.move_ids.mapped(lambda m: (m.product_id.default_code, m.product_uom_qty))),
            [("SH-FAN", 2.0), ("SH-KETTLE", 3.0)],
        )
        self.assertFalse(backorder.dealer_tracking_ref)
        # The rest leaves later, named by the fan's barcode, with its own tracking number.
        body = self._shipment(
            order,
            tracking_numbers=["SF999"],
            lines=[{"sku": "6900000009991", "qty": 2}, {"sku": "SH-KETTLE", "qty": 3}],
        )
        status, answer, _headers = self._push(body, idempotency="ship-2")
        self.assertEqual(status, 200, answer)
        self.assertEqual(backorder.state, "done")
        self.assertEqual(backorder.dealer_tracking_ref, "SF999")
        self.assertEqual(order.order_line.mapped("qty_delivered"), [5.0, 2.0])

    def test_a_replayed_shipment_ships_once(self):
        order = self._sale(self.dealer_a, [(self.kettle, 4)])
        body = self._shipment(order, lines=[{"sku": "SH-KETTLE", "qty": 1}])
        first = self._push(body)
        again = self._push(body)
        self.assertEqual(again[:2], first[:2])
        self.assertEqual(again[2].get("Idempotent-Replay"), "true")
        self.assertEqual(order.order_line.qty_delivered, 1.0)
        self.assertEqual(len(order.picking_ids), 2)
        # The whole order shipped, a new key for the same shipment is refused: nothing left.
        self.assertEqual(self._push(self._shipment(order), idempotency="ship-2")[0], 200)
        status, answer, _headers = self._push(self._shipment(order), idempotency="ship-3")
        self.assertEqual((status, answer["error"]), (422, "nothing_to_ship"))
        self.assertEqual(order.order_line.qty_delivered, 4.0)

    def test_wrong_lines_ship_nothing_and_are_all_listed(self):
        order = self._sale(self.dealer_a, [(self.kettle, 2), (self.fan, 1)])
        picking = order.picking_ids
        lines = [
            {"sku": "SH-KETTLE", "qty": 1},
            {"sku": "NO-SUCH", "qty": 1},
            {"sku": "SH-FAN", "qty": -1},
            {"sku": "SH-FAN", "qty": "1"},
            {"sku": "SH-FAN", "qty": 1, "lot": "X"},
        ]
        status, answer, _headers = self._push(self._shipment(order, lines=lines))
        self.assertEqual((status, answer["error"]), (422, "invalid_shipment"))
        self.assertEqual([error["line"] for error in answer["errors"]], [2, 3, 4, 5])
        # Too much of a known product: refused, nothing applied.
        status, answer, _headers = self._push(self._shipment(order, lines=[{"sku": "SH-KETTLE", "qty": 3}]))
        self.assertEqual((status, answer["errors"][0]["sku"]), (422, "SH-KETTLE"))
        for body in (
            self._shipment(order, carrier=""),
            self._shipment(order, tracking_numbers=[]),
            self._shipment(order, tracking_numbers=["SF 1; DROP"]),
            self._shipment(order, tracking_numbers=["A"] * 21),
            self._shipment(order, shipped_at="2999-01-01T00:00:00Z"),
            self._shipment(order, lines=[]),
            self._shipment(order, lines=[{"sku": "SH-KETTLE", "qty": 1}] * 501),
        ):
            status, answer, _headers = self._push(body)
            self.assertEqual(status, 422, body)
        self.assertEqual(picking.state, "assigned")
        self.assertFalse(picking.dealer_tracking_ref or picking.dealer_carrier)
        self.assertEqual(picking.move_ids.mapped("picked"), [False, False])
        self.assertEqual(order.order_line.mapped("qty_delivered"), [0.0, 0.0])

    def test_a_tracked_product_needs_its_lot(self):
        order = self._sale(self.dealer_a, [(self.heater, 4), (self.kettle, 1)])
        picking = order.picking_ids
        status, answer, _headers = self._push(self._shipment(order, lines=[{"sku": "SH-HEATER", "qty": 2}]))
        self.assertEqual((status, answer["errors"][0]["line"]), (422, 1))
        self.assertIn("lot", answer["errors"][0]["message"])
        body = self._shipment(order, lines=[{"sku": "SH-HEATER", "qty": 2, "lot": "NO-LOT"}])
        self.assertEqual(self._push(body)[0], 422)
        self.assertEqual(picking.state, "assigned")
        body = self._shipment(order, lines=[{"sku": "SH-HEATER", "qty": 3, "lot": "LOT-2026-11"}])
        status, answer, _headers = self._push(body)
        self.assertEqual(status, 200, answer)
        self.assertEqual(answer["shipments"][0]["lines"], [{"sku": "SH-HEATER", "qty": 3.0, "lot": "LOT-2026-11"}])
        self.assertEqual(picking.move_line_ids.lot_id, self.lot)
        on_hand = self.env["stock.quant"]._gather(self.heater, self.stock, lot_id=self.lot)
        self.assertEqual(sum(on_hand.mapped("quantity")), 97.0)
        # The heater left is reserved for the backorder.
        backorder_moves = order.picking_ids.filtered(lambda p: p.state != "done").move_ids
        self.assertEqual(backorder_moves.filtered(lambda m: m.product_id == self.heater).product_uom_qty, 1.0)

    def test_orders_of_customers_who_are_no_dealers_are_not_found(self):
        customer = self.env["res.partner"].create({"name": "Walk-in Customer"})
        foreign = self._sale(customer, [(self.kettle, 1)])
        draft = self.env["sale.order"].create({"partner_id": self.dealer_a.id})
        for reference in (foreign.name, draft.name, "S-NOPE"):
            status, answer, _headers = self._push(dict(self._shipment(foreign), order=reference))
            self.assertEqual((status, answer["error"]), (404, "not_found"))
        self.assertEqual(foreign.picking_ids.state, "assigned")

    def test_dealer_keys_and_keys_without_the_scope_are_refused(self):
        order = self._sale(self.dealer_a, [(self.kettle, 1)])
        status, answer, _headers = self._push(self._shipment(order), key=self.key_a)
        self.assertEqual((status, answer["error"]), (403, "wrong_key_type"))
        status, answer, _headers = self._push(self._shipment(order), key=self.integration_key)
        self.assertEqual((status, answer["error"]), (403, "missing_scope"))
        self.assertEqual(order.picking_ids.state, "assigned")
