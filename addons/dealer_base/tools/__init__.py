from .locking import claim_rows, lock_for_update
from .quantity import (
    DEFAULT_MAX_LINE_QTY,
    MAX_AMOUNT,
    MAX_LINE_QTY_CEILING,
    format_number,
    max_line_qty,
    parse_quantity,
)
from .xlsx import xlsx_workbook, xlsx_write, xlsx_write_row
