"""Quantities and amounts typed by users or read from their files, within bounds.

Every input of a quantity or an amount (cart, catalog, quick order, import,
API, returns, stock reports, price imports) reads it with parse_quantity and
refuses it beyond max_line_qty (quantities) or MAX_AMOUNT (amounts), with a
message and nothing saved. Beyond these bounds numbers stop meaning anything
to the business while they still cost a lot to compute with (promotions,
totals, forecasts).
"""

import math

DEFAULT_MAX_LINE_QTY = 1_000_000
MAX_LINE_QTY_PARAM = "dealer_base.max_line_qty"
# The largest quantity the configuration may allow: beyond it, totals lose their cents in a float.
MAX_LINE_QTY_CEILING = 1_000_000_000
# Prices and amounts: far above any real price, far below where sums of them lose precision.
MAX_AMOUNT = 1_000_000_000


def parse_quantity(value):
    """A quantity typed or read from a file as a float, or None when it is not a finite number.

    Accepts numbers and text with thousands separators ("1,200"); booleans and
    empty values are not quantities.
    """
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, int | float):
        try:
            qty = float(value)
        except OverflowError:
            return None
    else:
        text = str(value).strip().replace(",", "")
        # float() reads "nan", "inf" and "infinity" in any case: never a quantity.
        if len(text) > 64:
            return None
        try:
            qty = float(text)
        except (ValueError, OverflowError):
            return None
    return qty if math.isfinite(qty) else None


def max_line_qty(env):
    """The largest quantity of one line (config parameter dealer_base.max_line_qty)."""
    value = env["ir.config_parameter"].sudo().get_param(MAX_LINE_QTY_PARAM)
    bound = parse_quantity(value)
    if bound is None or bound <= 0:
        return DEFAULT_MAX_LINE_QTY
    return min(bound, MAX_LINE_QTY_CEILING)


def format_number(value):
    """A number as people write it (1,000,000), or in short (1e+20) when it is absurdly large."""
    value = float(value) or 0.0  # -0.0 reads 0
    if abs(value) >= 1e15:
        return f"{value:g}"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
