"""Demand forecasting and order rounding: pure functions, tested on known series.

The method (see readme/DESCRIPTION.md): over the last ``weeks`` full weeks of
daily demand, the base level is the average daily demand and each weekday has
an index, the average demand of that weekday divided by the base level. The
forecast of a day is base level x index of its weekday, which is the average
of the same weekday over the window. Without history the forecast is zero.
"""

import math
from datetime import timedelta


def weekday_profile(series, date_to, weeks):
    """Return (base level, {weekday: index}) from ``series`` {date: qty}.

    The window is the ``weeks`` x 7 days ending on ``date_to`` (included);
    days missing from ``series`` had no demand.
    """
    days = weeks * 7
    totals, counts = [0.0] * 7, [0] * 7
    for n in range(days):
        day = date_to - timedelta(days=n)
        weekday = day.weekday()
        totals[weekday] += series.get(day, 0.0)
        counts[weekday] += 1
    base = sum(totals) / days if days > 0 else 0.0
    index = {}
    for weekday in range(7):
        mean = totals[weekday] / counts[weekday] if counts[weekday] else 0.0
        index[weekday] = mean / base if base else 1.0
    return base, index


def forecast_demand(series, date_to, weeks, date_start, horizon_days):
    """Forecast total demand of the ``horizon_days`` days starting on ``date_start``."""
    if horizon_days <= 0 or not series:
        return 0.0
    base, index = weekday_profile(series, date_to, weeks)
    return sum(base * index[(date_start + timedelta(days=n)).weekday()] for n in range(horizon_days))


def daily_demand_stddev(series, date_to, days):
    """Population standard deviation of the daily demand over ``days`` days ending on ``date_to``."""
    if days <= 0 or not series:
        return 0.0
    values = [series.get(date_to - timedelta(days=n), 0.0) for n in range(days)]
    mean = sum(values) / days
    return math.sqrt(sum((v - mean) ** 2 for v in values) / days)


def safety_stock(z, stddev, lead_time_days):
    """z x sigma(daily demand) x sqrt(lead time in days)."""
    if lead_time_days <= 0:
        return 0.0
    return z * stddev * math.sqrt(lead_time_days)


def round_order_qty(need, min_qty, pack_size):
    """Order quantity covering ``need``: at least ``min_qty``, a multiple of ``pack_size``."""
    if need <= 0:
        return 0.0
    qty = max(need, min_qty or 0.0)
    if pack_size and pack_size > 0:
        qty = math.ceil(round(qty / pack_size, 6)) * pack_size
    return qty
