from .quantity import (
    DEFAULT_MAX_LINE_QTY,
    MAX_AMOUNT,
    MAX_LINE_QTY_CEILING,
    format_number,
    max_line_qty,
    parse_quantity,
)
