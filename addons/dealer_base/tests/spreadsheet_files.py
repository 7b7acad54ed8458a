"""Crafted spreadsheets for the tests of every upload: tiny files that declare or hold far more than they should."""

import io
import zipfile

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _cell(ref, value):
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def xlsx(rows, *, dimension=None, far_cell=None, padding=0):
    """An .xlsx written by hand: rows of (column letter, value) pairs per row.

    dimension: the declared used range (e.g. "A1:XFD5000"), whatever the cells;
    far_cell: (column letter, value) added to every row (e.g. ("XFD", 1));
    padding: bytes of blank space in the sheet, which compress to almost nothing.
    """
    sheet = io.StringIO()
    sheet.write(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    if dimension:
        sheet.write(f'<dimension ref="{dimension}"/>')
    sheet.write("<sheetData>")
    for number, cells in enumerate(rows, start=1):
        row = list(cells) + ([far_cell] if far_cell else [])
        sheet.write(f'<row r="{number}">')
        sheet.write("".join(_cell(f"{column}{number}", value) for column, value in row))
        sheet.write("</row>")
    sheet.write("</sheetData>")
    sheet.write(" " * padding)
    sheet.write("</worksheet>")
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet.getvalue())
    return stream.getvalue()


def wide_xlsx(header, row, count):
    """A small .xlsx whose sheet declares 16,384 columns and count rows, each row with a cell in the last column."""
    columns = "ABCDEFGHIJ"
    rows = [list(zip(columns, header, strict=False))] + [list(zip(columns, row, strict=False))] * count
    return xlsx(rows, dimension=f"A1:XFD{count + 1}", far_cell=("XFD", 1))


# The first bytes of a Windows executable and of a Linux one.
EXECUTABLES = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64,
    b"\x7fELF\x02\x01\x01" + b"\x00" * 64,
)
