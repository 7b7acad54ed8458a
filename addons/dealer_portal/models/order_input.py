"""Reading order rows from what a dealer pastes or uploads.

Everything a user sends is checked by content and within caps before it is
read: size, kind of file (magic bytes, never the extension alone), declared
decompressed size of an .xlsx, number of rows. Readers stream and stop at the
row cap, so memory stays bounded whatever the file holds. Formulas are never
evaluated: an .xlsx gives the values Excel saved with it.
"""

import codecs
import csv
import datetime
import io
import re
import struct
import unicodedata
import zipfile

from odoo.exceptions import UserError

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 container holding these streams (names in UTF-16).
ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

MAX_UPLOAD_SIZE = 25 * 1024 * 1024
MAX_UNCOMPRESSED_SIZE = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ROWS = 10000
MAX_SCANNED_ROWS = 200000
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 10
QUICK_ORDER_MAX_LINES = 2000
QUICK_ORDER_MAX_CHARS = 200000
EXTENSIONS = (".xlsx", ".xls", ".csv")

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
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


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
    """The kind of the uploaded file ("xlsx", "xls" or "csv"), told by its content."""
    name = (filename or "").lower().strip()
    if not name.endswith(EXTENSIONS):
        raise OrderInputError(env._("Upload an .xlsx, .xls or .csv file."))
    if not data:
        raise OrderInputError(env._("The file is empty."))
    if len(data) > MAX_UPLOAD_SIZE:
        raise OrderInputError(env._("The file is larger than %s MB.", MAX_UPLOAD_SIZE // (1024 * 1024)))
    head = data[:8]
    if head.startswith(OLE2_MAGIC):
        if any(stream in data for stream in ENCRYPTED_STREAMS):
            raise OrderInputError(
                env._("The workbook is protected by a password: remove the password and upload it again.")
            )
        if not name.endswith(".xls"):
            raise OrderInputError(
                env._("The file's content is an .xls workbook: save it as .xls, or as .xlsx in Excel.")
            )
        return "xls"
    if head.startswith(XLSX_MAGIC):
        if not name.endswith(".xlsx"):
            raise OrderInputError(env._("The file's content is an .xlsx workbook: give it the .xlsx extension."))
        return "xlsx"
    if name.endswith(".csv") and _looks_like_text(data):
        return "csv"
    raise OrderInputError(
        env._("The file's content is not a spreadsheet: upload the order as .xlsx, .xls or .csv (see the template).")
    )


def _looks_like_text(data):
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample:
        return False
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return control * 100 <= len(sample)


def read_rows(env, kind, data):
    """Yield (row number as in the spreadsheet, tuple of cell values) of the first sheet.

    Stops with a message past MAX_SCANNED_ROWS. Also returns, through the
    generator's first item, facts about the sheet: ("info", dict).
    """
    reader = {"xlsx": _read_xlsx, "xls": _read_xls, "csv": _read_csv}[kind]
    return reader(env, data)


def _too_many_rows(env):
    max_rows = format(MAX_ROWS, ",")
    return OrderInputError(env._("The file has more than %s order rows: split it into several files.", max_rows))


def _check_zip(env, archive):
    """Refuse zip bombs before anything is decompressed: declared sizes and ratios of every member.

    Python's zip reader never returns more than a member's declared size, so
    these checks bound what opening the workbook may decompress.
    """
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_UNCOMPRESSED_SIZE or (info.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO):
            raise OrderInputError(
                env._(
                    "The workbook is too large once decompressed (%s MB at most): it is refused.",
                    MAX_UNCOMPRESSED_SIZE // (1024 * 1024),
                )
            )
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise OrderInputError(env._("The file is not an Excel .xlsx workbook."))


def _scan_sheet(archive, path):
    """Formulas and merged ranges of a sheet, read from its XML in chunks (bounded memory)."""
    has_formula = False
    merges = []
    tail = b""
    with archive.open(path) as stream:
        while True:
            chunk = stream.read(1024 * 1024)
            if not chunk:
                break
            window = tail + chunk
            has_formula = has_formula or bool(_FORMULA_TAG.search(window))
            merges.extend(_MERGE_TAG.findall(window))
            tail = window[-200:]
    ranges = set()
    for col1, row1, col2, row2 in (tuple(part.decode() for part in merge) for merge in merges):
        ranges.add((f"{col1}{row1}:{col2 or col1}{row2 or row1}", int(row1), int(row2 or row1)))
    return has_formula, sorted(ranges, key=lambda r: (r[1], r[0]))


def _read_xlsx(env, data):
    import openpyxl  # noqa: PLC0415 - only needed when a file is imported

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip(env, archive)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        has_formula, merges = _scan_sheet(archive, sheet._worksheet_path)
    except OrderInputError:
        raise
    except Exception as e:  # openpyxl raises many kinds of errors on a damaged file
        raise OrderInputError(env._("The file is not a readable .xlsx workbook.")) from e
    yield "info", {"formulas": has_formula, "merges": merges}
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
            if number > MAX_SCANNED_ROWS:
                raise _too_many_rows(env)
            yield number, row
    except OrderInputError:
        raise
    except Exception as e:  # a damaged sheet fails while it is streamed
        raise OrderInputError(env._("The file is not a readable .xlsx workbook.")) from e
    finally:
        book.close()


def _read_xls(env, data):
    import xlrd  # noqa: PLC0415 - only needed when a file is imported

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheet = book.sheet_by_index(0)
    except xlrd.XLRDError as e:
        if "encrypted" in str(e).lower():
            raise OrderInputError(
                env._("The workbook is protected by a password: remove the password and upload it again.")
            ) from e
        raise OrderInputError(env._("The file is not a readable .xls workbook.")) from e
    except (xlrd.compdoc.CompDocError, ValueError, IndexError, KeyError, struct.error, AssertionError) as e:
        raise OrderInputError(env._("The file is not a readable .xls workbook.")) from e
    yield "info", {"formulas": False, "merges": []}
    for index in range(sheet.nrows):
        if index >= MAX_SCANNED_ROWS:
            raise _too_many_rows(env)
        row = []
        for cell in sheet.row_slice(index, 0, min(sheet.row_len(index), MAX_COLUMNS)):
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    row.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    row.append(cell.value)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                row.append(None)
            elif cell.ctype == xlrd.XL_CELL_ERROR:
                row.append(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
            else:
                row.append(cell.value)
        yield index + 1, tuple(row)
    book.release_resources()


def _read_csv(env, data):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for position, encoding in enumerate(encodings):
        try:
            # Decoded and split as it is read: a file in the wrong encoding fails fast, before any row is kept.
            for _item in _csv_rows(env, data, encoding, validate_only=True):
                pass
        except UnicodeDecodeError:
            if position == len(encodings) - 1:
                raise OrderInputError(
                    env._("The .csv file's text encoding is not recognised: save it as CSV UTF-8.")
                ) from None
            continue
        break
    yield "info", {"formulas": False, "merges": []}
    yield from _csv_rows(env, data, encoding)


def _csv_rows(env, data, encoding, validate_only=False):
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    first = text.readline()
    delimiter = "\t" if "\t" in first else (";" if ";" in first and "," not in first else ",")
    text.seek(0)
    try:
        for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=1):
            if number > MAX_SCANNED_ROWS:
                raise _too_many_rows(env)
            if not validate_only:
                yield number, tuple(cell if cell.strip() else None for cell in row[:MAX_COLUMNS])
    except csv.Error as e:
        raise OrderInputError(env._("The .csv file cannot be read: %s", e)) from e


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
    reader = read_rows(env, kind, data)
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
