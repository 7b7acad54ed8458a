"""Reading order rows from what a dealer pastes or uploads.

Uploaded files are read by the platform's one spreadsheet reader
(dealer_base.tools.spreadsheet: checked by content, capped in bytes, rows and
columns, formulas never evaluated); this module finds the product code and
quantity columns and turns the rows into order rows.
"""

import datetime
import re
import unicodedata

from odoo.exceptions import UserError

from odoo.addons.dealer_base.tools import spreadsheet

MAX_UPLOAD_SIZE = 25 * 1024 * 1024
MAX_ROWS = 10000
MAX_SCANNED_ROWS = 200000
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 10
QUICK_ORDER_MAX_LINES = 2000
QUICK_ORDER_MAX_CHARS = 200000

SKU_HEADERS = {
    "sku",
    "code",
    "product code",
    "internal reference",
    "reference",
    "barcode",
    "物料编码",
    "商品编码",
    "产品编码",
    "编码",
    "货号",
    "条码",
    "型号",
}
QTY_HEADERS = {"quantity", "qty", "数量", "订货数量", "订购数量", "订单数量"}

# Separators between the product code and the quantity of a pasted line.
_LINE_SPLIT = re.compile(r"\t|[,;、]|\s+")
_GROUPED_NUMBER = re.compile(r"^[+]?\d{1,3}(?:[,' ]\d{3})+(?:\.\d+)?$")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_DATE_TEXT = re.compile(r"^\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}日?$")


class OrderInputError(UserError):
    """A file or text that cannot be read at all; nothing is added."""


# ------------------------------------------------------------
# TEXT
# ------------------------------------------------------------


def normalise_text(value):
    """Full-width digits, letters, commas and spaces (全角) as their ASCII forms, trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


def normalise_quantity(value):
    """The quantity as a number when it reads as one, else the text as typed (reported later)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return value
    text = normalise_text(str(value))
    if _GROUPED_NUMBER.match(text):
        text = re.sub(r"[,' ]", "", text)
    if _PLAIN_NUMBER.match(text):
        return float(text)
    return text


def is_date_text(value):
    return isinstance(value, str) and bool(_DATE_TEXT.match(normalise_text(value)))


def parse_quick_order(env, text, ref_label):
    """Rows of a pasted quick order: one "SKU quantity" per line, blank lines skipped.

    ref_label(n) names line n for the messages. Returns (rows, errors, refs): errors are
    lines that cannot even be split into a code and a quantity, refs every line in order.
    """
    text = text or ""
    if len(text) > QUICK_ORDER_MAX_CHARS:
        raise OrderInputError(
            env._("The pasted text is too long: paste at most %s lines at a time.", QUICK_ORDER_MAX_LINES)
        )
    rows, errors, refs = [], [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = normalise_text(raw)
        if not line:
            continue
        if len(rows) + len(errors) >= QUICK_ORDER_MAX_LINES:
            raise OrderInputError(
                env._("The pasted text is too long: paste at most %s lines at a time.", QUICK_ORDER_MAX_LINES)
            )
        ref = ref_label(number)
        refs.append(ref)
        parts = _LINE_SPLIT.split(line, maxsplit=1)
        if len(parts) < 2 or not parts[1].strip(" \t,;、"):
            errors.append((ref, env._("write a product code and a quantity, e.g. “A1001 12”.")))
            continue
        sku, qty = parts[0].strip(), parts[1].strip(" \t,;、")
        rows.append({"ref": ref, "sku": sku, "qty": normalise_quantity(qty)})
    return rows, errors, refs


# ------------------------------------------------------------
# FILES
# ------------------------------------------------------------


def check_upload(env, filename, data):
    """The kind of the uploaded order file ("xlsx", "xls" or "csv"), told by its content."""
    return spreadsheet.check_upload(env, filename, data, max_bytes=MAX_UPLOAD_SIZE)


def _too_many_rows(env):
    max_rows = format(MAX_ROWS, ",")
    return OrderInputError(env._("The file has more than %s order rows: split it into several files.", max_rows))


# ------------------------------------------------------------
# ROWS
# ------------------------------------------------------------


def _header_key(value):
    if not isinstance(value, str):
        return ""
    key = normalise_text(value).lower().rstrip("*:： ")
    return re.sub(r"\s*[(（].*[)）]$", "", key)


def _find_columns(row):
    """(sku column, quantity column) when row is a header row, else None."""
    keys = [_header_key(cell) for cell in row]
    sku = next((i for i, key in enumerate(keys) if key in SKU_HEADERS), None)
    qty = next((i for i, key in enumerate(keys) if key in QTY_HEADERS), None)
    return (sku, qty) if sku is not None and qty is not None else None


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalise_text(str(value))


def sheet_rows(env, kind, data, ref_label):
    """Rows of an uploaded order: (rows, errors), every row named by ref_label(row number).

    rows are dicts for sale.order._dealer_portal_check_rows; errors lists the rows
    that cannot be read (merged cells, a date for a code or quantity, a formula
    without a saved value). Raises OrderInputError for a file that cannot be read
    or has more than MAX_ROWS rows.
    """
    reader = spreadsheet.read_rows(env, kind, data, max_rows=MAX_SCANNED_ROWS, max_columns=MAX_COLUMNS)
    _tag, info = next(reader)
    columns = None
    header_row = 0
    pending = []
    rows, errors = [], []
    for number, row in reader:
        if columns is None:
            found = _find_columns(row) if number <= HEADER_SEARCH_ROWS else None
            if found:
                columns, header_row = found, number
                pending = []
                continue
            if number <= HEADER_SEARCH_ROWS:
                pending.append((number, row))
                continue
            columns = (0, 1)
            for item in pending:
                _add_row(env, item, columns=columns, info=info, rows=rows, errors=errors, ref_label=ref_label)
            pending = []
        _add_row(env, (number, row), columns=columns, info=info, rows=rows, errors=errors, ref_label=ref_label)
        if len(rows) + len(errors) > MAX_ROWS:
            raise _too_many_rows(env)
    if columns is None:
        for item in pending:
            _add_row(env, item, columns=(0, 1), info=info, rows=rows, errors=errors, ref_label=ref_label)
    merged = [label for label, _first, last in info["merges"] if last > header_row]
    if merged:
        raise OrderInputError(
            env._(
                "The sheet has merged cells (%s): unmerge them so that every row has its own product code "
                "and quantity.",
                ", ".join(merged[:10]),
            )
        )
    if not rows and not errors:
        raise OrderInputError(env._("The file has no order rows: fill in one product code and quantity per row."))
    return rows, errors


def _add_row(env, item, *, columns, info, rows, errors, ref_label):
    number, row = item
    sku_col, qty_col = columns
    sku = row[sku_col] if sku_col < len(row) else None
    qty = row[qty_col] if qty_col < len(row) else None
    if (sku is None or str(sku).strip() == "") and (qty is None or str(qty).strip() == ""):
        if not any(cell not in (None, "") for cell in row):
            return
    ref = ref_label(number)
    if isinstance(sku, (datetime.date, datetime.time)):
        errors.append((ref, env._("the product code was read as a date (%s): format the column as text.", sku)))
        return
    if isinstance(qty, (datetime.date, datetime.time)) or is_date_text(qty):
        errors.append((ref, env._("the quantity is a date (%s), not a number.", qty)))
        return
    sku_text = cell_text(sku)
    if not sku_text:
        if info["formulas"]:
            errors.append(
                (ref, env._("no product code: a formula without a saved result? Open and save the file in Excel."))
            )
        else:
            errors.append((ref, env._("no product code.")))
        return
    if qty in (None, "") and info["formulas"]:
        errors.append((ref, env._("no quantity: a formula without a saved result? Open and save the file in Excel.")))
        return
    if isinstance(qty, str) and normalise_text(qty).startswith("#"):
        errors.append((ref, env._("the quantity is an Excel error (%s).", qty)))
        return
    rows.append({"ref": ref, "sku": sku_text, "qty": normalise_quantity(qty)})
