from .quantity import parse_quantity
from .xlsx import xlsx_workbook, xlsx_write, xlsx_write_row
