"""The one reader of the spreadsheets users upload: order imports, price imports, stock reports.

Everything is checked by content and within caps before it is read: size,
kind of file (magic bytes; the extension, when there is one, must agree),
declared and actual decompressed size of an .xlsx, rows and columns. Readers
stream and stop at the caps whatever the file declares (an .xlsx may declare
16,384 columns and a million rows in a few bytes), so memory stays bounded.
Formulas are never evaluated: an .xlsx gives the values Excel saved with it,
an .xls its stored results, a .csv its text.
"""

import codecs
import csv
import io
import re
import struct
import zipfile

from odoo.exceptions import UserError

XLSX_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .xlsx is an OLE2 container holding these streams (names in UTF-16).
ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))

KINDS = ("xlsx", "xls", "csv")
MAX_BYTES = 25 * 1024 * 1024
MAX_UNCOMPRESSED_SIZE = 200 * 1024 * 1024
# A member larger than this is refused when it decompresses more than MAX_COMPRESSION_RATIO times its size.
RATIO_CHECKED_SIZE = 1024 * 1024
MAX_COMPRESSION_RATIO = 150
MAX_ROWS = 200000
MAX_COLUMNS = 30

_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE_TAG = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?"')


class SpreadsheetError(UserError):
    """A file that cannot be read at all; nothing is imported."""


def _kinds_text(env, kinds):
    names = [f".{kind}" for kind in kinds]
    if len(names) == 1:
        return names[0]
    return env._("%(kinds)s or %(last)s", kinds=", ".join(names[:-1]), last=names[-1])


def check_upload(env, filename, data, *, kinds=KINDS, max_bytes=MAX_BYTES):
    """The kind of the uploaded file (one of kinds: "xlsx", "xls", "csv"), told by its content.

    filename may be empty (the content alone decides); when it has an
    extension, the extension must agree with the content.
    """
    name = (filename or "").lower().strip()
    allowed = _kinds_text(env, kinds)
    if name and not name.endswith(tuple(f".{kind}" for kind in kinds)):
        raise SpreadsheetError(env._("Upload an %s file.", allowed))
    if not data:
        raise SpreadsheetError(env._("The file is empty."))
    if len(data) > max_bytes:
        raise SpreadsheetError(env._("The file is larger than %s MB.", max_bytes // (1024 * 1024)))
    head = data[:8]
    if head.startswith(OLE2_MAGIC) and "xls" in kinds:
        if any(stream in data for stream in ENCRYPTED_STREAMS):
            raise SpreadsheetError(
                env._("The workbook is protected by a password: remove the password and upload it again.")
            )
        if name and not name.endswith(".xls"):
            raise SpreadsheetError(
                env._("The file's content is an .xls workbook: save it as .xls, or as .xlsx in Excel.")
            )
        return "xls"
    if head.startswith(XLSX_MAGIC) and "xlsx" in kinds:
        if name and not name.endswith(".xlsx"):
            raise SpreadsheetError(env._("The file's content is an .xlsx workbook: give it the .xlsx extension."))
        return "xlsx"
    if "csv" in kinds and (not name or name.endswith(".csv")) and _looks_like_text(data):
        return "csv"
    raise SpreadsheetError(env._("The file's content is not a spreadsheet: upload it as %s.", allowed))


def _looks_like_text(data):
    sample = data[:8192]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in sample:
        return False
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13))
    return control * 100 <= len(sample)


def read_rows(
    env,
    kind,
    data,
    *,
    max_rows=MAX_ROWS,
    max_columns=MAX_COLUMNS,
    max_uncompressed=MAX_UNCOMPRESSED_SIZE,
):
    """Yield the rows of the first sheet as (row number as in the spreadsheet, tuple of at most max_columns
    cell values); the first item is ("info", {"formulas": bool, "merges": [(label, first row, last row)]}).

    Raises SpreadsheetError past max_rows rows, or for a file that cannot be read.
    """
    if kind == "xlsx":
        return _read_xlsx(env, data, max_rows, max_columns, max_uncompressed)
    if kind == "xls":
        return _read_xls(env, data, max_rows, max_columns)
    return _read_csv(env, data, max_rows, max_columns)


def _too_many_rows(env, max_rows):
    return SpreadsheetError(
        env._("The file has more than %s rows: split it into several files.", format(max_rows, ","))
    )


def _check_zip(env, archive, max_uncompressed):
    """Refuse zip bombs before anything is decompressed: declared sizes and ratios of every member.

    Python's zip reader never returns more than a member's declared size, so
    these checks bound what opening the workbook may decompress.
    """
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > max_uncompressed or (info.file_size > RATIO_CHECKED_SIZE and ratio > MAX_COMPRESSION_RATIO):
            raise SpreadsheetError(
                env._(
                    "The workbook is too large once decompressed (%s MB at most): it is refused.",
                    max_uncompressed // (1024 * 1024),
                )
            )
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise SpreadsheetError(env._("The file is not an Excel .xlsx workbook."))


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


def _read_xlsx(env, data, max_rows, max_columns, max_uncompressed):
    import openpyxl  # noqa: PLC0415 - only needed when a file is imported

    unreadable = env._("The file is not a readable .xlsx workbook.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip(env, archive, max_uncompressed)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        has_formula, merges = _scan_sheet(archive, sheet._worksheet_path)
        # The declared dimension is not trusted: only the rows and cells present are read, up to the caps.
        sheet.reset_dimensions()
    except SpreadsheetError:
        raise
    except Exception as e:  # openpyxl raises many kinds of errors on a damaged file
        raise SpreadsheetError(unreadable) from e
    yield "info", {"formulas": has_formula, "merges": merges}
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=max_columns), start=1):
            if number > max_rows:
                raise _too_many_rows(env, max_rows)
            yield number, row
    except SpreadsheetError:
        raise
    except Exception as e:  # a damaged sheet fails while it is streamed
        raise SpreadsheetError(unreadable) from e
    finally:
        book.close()


def _read_xls(env, data, max_rows, max_columns):
    import xlrd  # noqa: PLC0415 - only needed when a file is imported

    unreadable = env._("The file is not a readable .xls workbook.")
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
        sheet = book.sheet_by_index(0)
    except xlrd.XLRDError as e:
        if "encrypted" in str(e).lower():
            raise SpreadsheetError(
                env._("The workbook is protected by a password: remove the password and upload it again.")
            ) from e
        raise SpreadsheetError(unreadable) from e
    except (xlrd.compdoc.CompDocError, ValueError, IndexError, KeyError, struct.error, AssertionError) as e:
        raise SpreadsheetError(unreadable) from e
    yield "info", {"formulas": False, "merges": []}
    for index in range(sheet.nrows):
        if index >= max_rows:
            raise _too_many_rows(env, max_rows)
        row = []
        for cell in sheet.row_slice(index, 0, min(sheet.row_len(index), max_columns)):
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


def _read_csv(env, data, max_rows, max_columns):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for position, encoding in enumerate(encodings):
        try:
            # Decoded and split as it is read: a file in the wrong encoding fails fast, before any row is kept.
            for _item in _csv_rows(env, data, encoding, max_rows, max_columns, validate_only=True):
                pass
        except UnicodeDecodeError:
            if position == len(encodings) - 1:
                raise SpreadsheetError(
                    env._("The .csv file's text encoding is not recognised: save it as CSV UTF-8.")
                ) from None
            continue
        break
    yield "info", {"formulas": False, "merges": []}
    yield from _csv_rows(env, data, encoding, max_rows, max_columns)


def _csv_rows(env, data, encoding, max_rows, max_columns, *, validate_only=False):
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    first = text.readline()
    delimiter = "\t" if "\t" in first else (";" if ";" in first and "," not in first else ",")
    text.seek(0)
    try:
        for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=1):
            if number > max_rows:
                raise _too_many_rows(env, max_rows)
            if not validate_only:
                yield number, tuple(cell if cell.strip() else None for cell in row[:max_columns])
    except csv.Error as e:
        raise SpreadsheetError(env._("The .csv file cannot be read: %s", e)) from e


def read_table(env, filename, data, **caps):
    """(kind, info, rows) of an upload, all rows read (at most the caps): for the small files of imports
    that need every row before they check any. caps: kinds, max_bytes, max_rows, max_columns,
    max_uncompressed."""
    kinds = caps.pop("kinds", KINDS)
    max_bytes = caps.pop("max_bytes", MAX_BYTES)
    kind = check_upload(env, filename, data, kinds=kinds, max_bytes=max_bytes)
    reader = read_rows(env, kind, data, **caps)
    _tag, info = next(reader)
    return kind, info, list(reader)
