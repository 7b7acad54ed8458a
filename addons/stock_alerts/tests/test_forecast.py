from datetime import date, timedelta

from odoo.tests import BaseCase

from ..tools import forecast

# A Sunday: the 28-day window ending on it holds exactly four of each weekday.
SUNDAY = date(2026, 11, 1)


def _series(value_of_day, days=28, date_to=SUNDAY):
    return {date_to - timedelta(days=n): value_of_day(date_to - timedelta(days=n)) for n in range(days)}


class TestForecast(BaseCase):
    def test_constant_demand_forecasts_the_same_daily_level(self):
        series = _series(lambda day: 10.0)
        self.assertAlmostEqual(forecast.forecast_demand(series, SUNDAY, 4, SUNDAY + timedelta(days=1), 7), 70.0)

    def test_weekly_pattern_is_kept_by_weekday_index(self):
        # 10 on weekdays, 30 on Saturdays and Sundays.
        series = _series(lambda day: 30.0 if day.weekday() >= 5 else 10.0)
        base, index = forecast.weekday_profile(series, SUNDAY, 4)
        self.assertAlmostEqual(base, 110.0 / 7)
        self.assertAlmostEqual(index[5], 30.0 / (110.0 / 7))
        saturday = SUNDAY + timedelta(days=6)
        self.assertAlmostEqual(forecast.forecast_demand(series, SUNDAY, 4, saturday, 1), 30.0)
        monday = SUNDAY + timedelta(days=1)
        self.assertAlmostEqual(forecast.forecast_demand(series, SUNDAY, 4, monday, 1), 10.0)
        self.assertAlmostEqual(forecast.forecast_demand(series, SUNDAY, 4, monday, 7), 110.0)
        self.assertAlmostEqual(forecast.forecast_demand(series, SUNDAY, 4, monday, 14), 220.0)

    def test_trend_is_averaged_over_the_window(self):
        # Mondays sold 4, 8, 12, 16 over the last four weeks: a Monday forecasts their average, 10.
        mondays = {SUNDAY - timedelta(days=6 + 7 * n): 16.0 - 4 * n for n in range(4)}
        self.assertAlmostEqual(forecast.forecast_demand(mondays, SUNDAY, 4, SUNDAY + timedelta(days=1), 1), 10.0)
        self.assertAlmostEqual(forecast.forecast_demand(mondays, SUNDAY, 4, SUNDAY + timedelta(days=2), 1), 0.0)

    def test_no_history_forecasts_zero(self):
        self.assertEqual(forecast.forecast_demand({}, SUNDAY, 4, SUNDAY, 30), 0.0)
        self.assertEqual(forecast.daily_demand_stddev({}, SUNDAY, 28), 0.0)

    def test_zero_or_negative_horizon_forecasts_zero(self):
        series = _series(lambda day: 10.0)
        self.assertEqual(forecast.forecast_demand(series, SUNDAY, 4, SUNDAY, 0), 0.0)
        self.assertEqual(forecast.forecast_demand(series, SUNDAY, 4, SUNDAY, -3), 0.0)
        self.assertEqual(forecast.safety_stock(1.65, 5.0, 0), 0.0)

    def test_safety_stock_is_z_sigma_root_lead_time(self):
        # Alternating 0 and 10: mean 5, standard deviation 5.
        series = _series(lambda day: 10.0 if day.toordinal() % 2 else 0.0)
        stddev = forecast.daily_demand_stddev(series, SUNDAY, 28)
        self.assertAlmostEqual(stddev, 5.0)
        self.assertAlmostEqual(forecast.safety_stock(2.0, stddev, 4), 20.0)
        self.assertAlmostEqual(forecast.daily_demand_stddev(_series(lambda day: 7.0), SUNDAY, 28), 0.0)

    def test_order_quantity_respects_minimum_and_pack_size(self):
        self.assertEqual(forecast.round_order_qty(23, 50, 10), 50)
        self.assertEqual(forecast.round_order_qty(57, 50, 12), 60)
        self.assertEqual(forecast.round_order_qty(60, 50, 12), 60)
        self.assertEqual(forecast.round_order_qty(23.5, 0, 0), 23.5)
        self.assertEqual(forecast.round_order_qty(0, 50, 10), 0)
        self.assertEqual(forecast.round_order_qty(-5, 50, 10), 0)
