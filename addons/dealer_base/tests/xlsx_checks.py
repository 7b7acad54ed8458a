"""Checks on the .xlsx files the platform writes: text typed by users stays text."""

import io

import openpyxl

# What a dealer could type as an order reference or a company name.
FORMULA = '=HYPERLINK("http://attacker.example.com/?leak";"Click for your rebate")'


def assert_written_as_text(case, content, texts):
    """Every cell of the .xlsx ``content`` holding one of ``texts`` is a string cell with that
    very text, each of ``texts`` is found, and no cell of the file is a formula."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    found = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                case.assertNotEqual(cell.data_type, "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value}")
                if cell.value in texts:
                    case.assertEqual(cell.data_type, "s", f"{sheet.title}!{cell.coordinate}")
                    found.add(cell.value)
    case.assertEqual(found, set(texts), "every malicious value is in the file, as text")
