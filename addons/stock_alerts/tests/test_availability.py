from datetime import timedelta

from odoo import fields

from .common import StockAlertsCase


class TestDealerAvailability(StockAlertsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plenty = cls._product("Plenty Kettle")
        cls.few = cls._product("Few Kettle")
        cls.only_other = cls._product("Other Region Kettle")
        cls._set_stock(cls.plenty, cls.w1, 30)
        cls._set_stock(cls.plenty, cls.w2, 20)
        cls._set_stock(cls.few, cls.w2, 4)
        cls._set_stock(cls.only_other, cls.w3, 500)
        cls.products = cls.plenty | cls.few | cls.only_other

    def test_dealer_sees_the_stock_of_its_region_warehouses_only(self):
        availability = self.products._dealer_availability(self.dealer_a)
        self.assertEqual(availability[self.plenty.id]["state"], "in_stock")
        self.assertEqual(availability[self.plenty.id]["qty"], 50)
        self.assertEqual(availability[self.few.id]["state"], "low")
        self.assertEqual(availability[self.few.id]["qty"], 4)
        # 500 in the other region's warehouse: invisible to dealer A.
        self.assertEqual(availability[self.only_other.id]["state"], "out")
        self.assertEqual(availability[self.only_other.id]["qty"], 0)

    def test_other_region_dealer_sees_its_own_warehouse(self):
        availability = self.products._dealer_availability(self.dealer_b)
        self.assertEqual(availability[self.only_other.id], {"state": "in_stock", "qty": 500, "expected_date": False})
        self.assertEqual(availability[self.plenty.id]["state"], "out")

    def test_contact_of_the_dealer_sees_the_dealer_view(self):
        contact = self.portal_a.partner_id
        self.assertEqual(self.products._dealer_availability(contact), self.products._dealer_availability(self.dealer_a))

    def test_safety_stock_sets_the_low_threshold(self):
        self._rule(self.plenty, self.w1, 40)
        self._rule(self.plenty, self.w2, 20)
        self.assertEqual(self.plenty._dealer_availability(self.dealer_a)[self.plenty.id]["state"], "low")

    def test_out_of_stock_shows_the_next_receipt_date(self):
        planned = fields.Datetime.now() + timedelta(days=5)
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.w1.in_type_id.id,
                "location_id": self.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": self.w1.lot_stock_id.id,
                "scheduled_date": planned,
                "move_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "receipt",
                            "product_id": self.only_other.id,
                            "product_uom_qty": 10,
                            "product_uom": self.only_other.uom_id.id,
                            "location_id": self.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": self.w1.lot_stock_id.id,
                            "date": planned,
                        },
                    )
                ],
            }
        )
        receipt.action_confirm()
        info = self.only_other._dealer_availability(self.dealer_a)[self.only_other.id]
        self.assertEqual(info["state"], "out")
        self.assertEqual(info["expected_date"], planned.date())

    def test_dealer_without_mapped_region_sees_nothing_available(self):
        self.dealer_a.dealer_region_id = self.region
        availability = self.products._dealer_availability(self.dealer_a)
        self.assertEqual({info["state"] for info in availability.values()}, {"out"})
