"""Spreadsheets the platform writes: every exported .xlsx goes through here.

Text stays text. A value typed by a dealer or a user (an order reference, a
dealer's name from the public application form) such as
``=HYPERLINK("http://...";"Click")`` is written as a string cell, never as a
formula, a link or a number that Excel would act on when the file is opened.
"""

import datetime

import xlsxwriter

# XlsxWriter turns strings starting with "=" into formulas, and URLs into links, unless told not to.
WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def xlsx_workbook(output):
    """An XlsxWriter workbook writing into ``output`` (a file object) that keeps strings as text."""
    return xlsxwriter.Workbook(output, dict(WORKBOOK_OPTIONS))


def xlsx_write(sheet, row, col, value, cell_format=None, *, date_format=None):
    """Write one value in the cell type of its Python type: str as text, numbers as numbers,
    dates as dates (``date_format``), None and False as a blank cell."""
    if value is None or value is False:
        sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, cell_format)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, cell_format)
    elif isinstance(value, datetime.date):
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time())
        sheet.write_datetime(row, col, value, date_format or cell_format)
    else:
        sheet.write_string(row, col, str(value), cell_format)


def xlsx_write_row(sheet, row, values, cell_format=None, *, date_format=None, col=0):
    """Write ``values`` from column ``col`` of ``row`` with :func:`xlsx_write`."""
    for offset, value in enumerate(values):
        xlsx_write(sheet, row, col + offset, value, cell_format, date_format=date_format)
