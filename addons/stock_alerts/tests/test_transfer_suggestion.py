from .common import StockAlertsCase


class TestTransferSuggestion(StockAlertsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kettle = cls._product("Transfer Kettle")

    def _suggest(self, rules):
        return self.env["stock.transfer.suggestion"]._generate(rules)

    def test_shortage_is_filled_from_surplus_above_the_source_safety_stock(self):
        self._set_stock(self.kettle, self.w1, 10)
        self._set_stock(self.kettle, self.w2, 100)
        rules = self._rule(self.kettle, self.w1, 40) | self._rule(self.kettle, self.w2, 50)
        suggestion = self._suggest(rules)
        self.assertEqual(len(suggestion), 1)
        self.assertEqual((suggestion.source_warehouse_id, suggestion.dest_warehouse_id), (self.w2, self.w1))
        # Shortage 40 - 10 = 30, surplus 100 - 50 = 50: transfer min(30, 50).
        self.assertEqual((suggestion.shortage_qty, suggestion.surplus_qty, suggestion.quantity), (30, 50, 30))

    def test_large_shortage_takes_the_largest_surplus_first_then_the_next(self):
        self._set_stock(self.kettle, self.w2, 100)
        self._set_stock(self.kettle, self.w3, 15)
        rules = self._rule(self.kettle, self.w1, 60) | self._rule(self.kettle, self.w2, 50)
        suggestions = self._suggest(rules)
        self.assertEqual(
            sorted((s.source_warehouse_id.code, s.quantity) for s in suggestions), [("TW2", 50), ("TW3", 10)]
        )

    def test_no_suggestion_without_surplus(self):
        self._set_stock(self.kettle, self.w1, 10)
        self._set_stock(self.kettle, self.w2, 50)
        rules = self._rule(self.kettle, self.w1, 40) | self._rule(self.kettle, self.w2, 50)
        self.assertFalse(self._suggest(rules).filtered(lambda s: s.product_id == self.kettle))

    def test_one_click_creates_a_reserved_internal_transfer_between_the_stocks(self):
        self._set_stock(self.kettle, self.w1, 10)
        self._set_stock(self.kettle, self.w2, 100)
        rules = self._rule(self.kettle, self.w1, 40) | self._rule(self.kettle, self.w2, 50)
        suggestion = self._suggest(rules)
        suggestion.action_create_transfer()
        picking = suggestion.picking_id
        self.assertEqual(suggestion.state, "done")
        self.assertEqual(picking.picking_type_id, self.w2.int_type_id)
        self.assertEqual((picking.location_id, picking.location_dest_id), (self.w2.lot_stock_id, self.w1.lot_stock_id))
        self.assertEqual(picking.move_ids.product_uom_qty, 30)
        self.assertEqual(picking.state, "assigned")
        picking.button_validate()
        available = (self.w1 | self.w2)._get_available_qty(self.kettle)
        self.assertEqual(available[(self.kettle.id, self.w1.id)], 40)
        self.assertEqual(available[(self.kettle.id, self.w2.id)], 70)
