"""Reporting periods and channel stock arithmetic: pure functions, tested at their boundaries.

The database computes the same figures set-based (see dealer_channel_stock.py);
these functions give the portal, the imports and the tests one definition of
a period and of the suggested quantity.
"""

import math
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

WEEK_RE = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
MONTH_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def period_bounds(period_type, day):
    """(start, end) of the week (Monday to Sunday) or month containing ``day``."""
    if period_type == "month":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def period_label(period_type, start):
    """2026-W46 for a week, 2026-11 for a month."""
    if period_type == "month":
        return f"{start.year:04d}-{start.month:02d}"
    year, week, _weekday = start.isocalendar()
    return f"{year:04d}-W{week:02d}"


def parse_period(value, default_type="week"):
    """(period_type, start, end) from 2026-W46, 2026-11 or a date (the week or month containing it).

    Returns None when the value is not a period.
    """
    if isinstance(value, date):
        return (default_type, *period_bounds(default_type, value))
    text = str(value or "")
    try:
        match = WEEK_RE.match(text)
        if match:
            start = date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
            return ("week", start, start + timedelta(days=6))
        match = MONTH_RE.match(text)
        if match:
            start = date(int(match.group(1)), int(match.group(2)), 1)
            return ("month", *period_bounds("month", start))
        match = DATE_RE.match(text)
        if match:
            day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            return (default_type, *period_bounds(default_type, day))
    except ValueError:
        return None
    return None


def last_closed_period(period_type, today):
    """The last period that ended before ``today``: the one a dealer should have reported."""
    start, _end = period_bounds(period_type, today)
    return period_bounds(period_type, start - timedelta(days=1))


def weeks_of_cover(channel_qty, weekly_sellout):
    """Weeks the channel stock lasts at the forecast weekly sell-out; None without sell-out."""
    if weekly_sellout <= 0:
        return None
    return max(channel_qty, 0.0) / weekly_sellout


def suggested_qty(target_weeks, weekly_sellout, channel_qty, open_qty, *, min_qty=0.0, pack_qty=0.0):
    """(need, suggested): need = target weeks x weekly sell-out - channel stock - open orders.

    A positive need is ordered in whole units, at least the minimum quantity and
    rounded up to whole packs; otherwise nothing is suggested.
    """
    need = target_weeks * weekly_sellout - max(channel_qty, 0.0) - open_qty
    if need <= 1e-9:
        return need, 0.0
    qty = max(math.ceil(round(need, 6)), min_qty or 0.0)
    if pack_qty and pack_qty > 1:
        qty = math.ceil(round(qty / pack_qty, 6)) * pack_qty
    return need, float(qty)
