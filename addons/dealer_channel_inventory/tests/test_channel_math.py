from datetime import date

from odoo.tests import BaseCase

from odoo.addons.dealer_channel_inventory.tools.channel_math import (
    last_closed_period,
    parse_period,
    period_label,
    suggested_qty,
    weeks_of_cover,
)


class TestChannelMath(BaseCase):
    def test_periods_are_iso_weeks_and_calendar_months(self):
        self.assertEqual(parse_period("2026-W46"), ("week", date(2026, 11, 9), date(2026, 11, 15)))
        self.assertEqual(parse_period("2026W01"), ("week", date(2025, 12, 29), date(2026, 1, 4)))
        self.assertEqual(parse_period("2024-02"), ("month", date(2024, 2, 1), date(2024, 2, 29)))
        self.assertEqual(parse_period("2026-11-15"), ("week", date(2026, 11, 9), date(2026, 11, 15)))
        self.assertEqual(parse_period("2026-11-15", "month"), ("month", date(2026, 11, 1), date(2026, 11, 30)))
        self.assertEqual(period_label("week", date(2026, 11, 9)), "2026-W46")
        self.assertEqual(period_label("month", date(2026, 11, 1)), "2026-11")

    def test_impossible_periods_are_refused(self):
        for value in ("2026-W54", "2026-13", "2026-02-30", "last week", "", None):
            self.assertIsNone(parse_period(value), value)

    def test_last_closed_period_ends_before_today(self):
        # A Sunday is still inside its week: the week before is due.
        self.assertEqual(last_closed_period("week", date(2026, 11, 22)), (date(2026, 11, 9), date(2026, 11, 15)))
        self.assertEqual(last_closed_period("week", date(2026, 11, 23)), (date(2026, 11, 16), date(2026, 11, 22)))
        self.assertEqual(last_closed_period("month", date(2026, 3, 1)), (date(2026, 2, 1), date(2026, 2, 28)))

    def test_weeks_of_cover_without_sellout_is_unknown(self):
        self.assertIsNone(weeks_of_cover(50, 0))
        self.assertEqual(weeks_of_cover(50, 10), 5)
        self.assertEqual(weeks_of_cover(-3, 10), 0)

    def test_suggestion_is_zero_when_stock_and_open_orders_cover_the_target(self):
        # 4 weeks x 10 = 40 = 30 in stock + 10 on order: exactly covered.
        self.assertEqual(suggested_qty(4, 10, 30, 10), (0, 0.0))
        self.assertEqual(suggested_qty(4, 10, 45, 0)[1], 0.0)

    def test_suggestion_rounds_a_fraction_up_to_a_whole_unit(self):
        need, qty = suggested_qty(4, 2.5, 9.5, 0)
        self.assertAlmostEqual(need, 0.5)
        self.assertEqual(qty, 1.0)

    def test_suggestion_respects_minimum_then_pack_size(self):
        self.assertEqual(suggested_qty(4, 10, 35, 0, min_qty=12)[1], 12.0)
        self.assertEqual(suggested_qty(4, 10, 35, 0, min_qty=12, pack_qty=5)[1], 15.0)
        # An exact multiple of the pack is not rounded up once more.
        self.assertEqual(suggested_qty(4, 10, 28, 0, pack_qty=6)[1], 12.0)
        self.assertEqual(suggested_qty(4, 10, 27, 0, pack_qty=6)[1], 18.0)

    def test_negative_stock_counts_as_none(self):
        self.assertEqual(suggested_qty(2, 5, -20, 0)[1], 10.0)
