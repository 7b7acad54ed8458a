import math


def parse_quantity(value):
    """A quantity typed or read from a file as a float, or None when it is not a finite number.

    Accepts numbers and text with thousands separators ("1,200"); booleans and
    empty values are not quantities.
    """
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, int | float):
        qty = float(value)
    else:
        try:
            qty = float(str(value).strip().replace(",", ""))
        except ValueError:
            return None
    return qty if math.isfinite(qty) else None
