import io
import tracemalloc
import zipfile

from odoo.tests import TransactionCase

from odoo.addons.dealer_base.tools import spreadsheet

from .spreadsheet_files import EXECUTABLES, wide_xlsx, xlsx


class TestSpreadsheetReader(TransactionCase):
    def _table(self, filename, data, **caps):
        return spreadsheet.read_table(self.env, filename, data, **caps)

    def test_declared_dimensions_and_far_columns_are_not_read(self):
        data = wide_xlsx(["sku", "qty"], ["A1", 1], 5000)
        self.assertLess(len(data), 100 * 1024)
        tracemalloc.start()
        try:
            kind, _info, rows = self._table("report.xlsx", data, max_rows=10000, max_columns=8)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual(kind, "xlsx")
        self.assertEqual(len(rows), 5001)
        self.assertEqual(rows[1], (2, ("A1", 1, None, None, None, None, None, None)))
        self.assertLessEqual(max(len(row) for _number, row in rows), 8)
        self.assertLess(peak, 40 * 1024 * 1024)

    def test_rows_beyond_the_cap_stop_the_reading_with_a_message(self):
        data = xlsx([[("A", "sku")]] * 20, dimension="A1:B1048576")
        self.assertEqual(len(self._table("x.xlsx", data, max_rows=20)[2]), 20)
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "more than 10 rows"):
            self._table("x.xlsx", data, max_rows=10)
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "more than 10 rows"):
            self._table("x.csv", b"a,b\n" * 11, max_rows=10)

    def test_zip_bomb_is_refused_before_it_is_decompressed(self):
        data = xlsx([[("A", "sku")]], padding=20 * 1024 * 1024)
        self.assertLess(len(data), 100 * 1024)
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "too large once decompressed"):
            self._table("bomb.xlsx", data)
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "too large once decompressed"):
            self._table("bomb.xlsx", xlsx([[("A", "sku")]] * 100, padding=900 * 1024), max_uncompressed=512 * 1024)

    def test_csv_rows_are_text_and_capped_in_columns(self):
        data = "sku;qty;x;y\n=1+1;２;;\n".encode("gb18030")
        kind, _info, rows = self._table("o.csv", data, max_columns=3)
        self.assertEqual(kind, "csv")
        # A formula is text, never evaluated.
        self.assertEqual(rows, [(1, ("sku", "qty", "x")), (2, ("=1+1", "２", None))])

    def test_xls_is_read_by_content(self):
        import xlwt  # noqa: PLC0415 - the test builds a real .xls

        book = xlwt.Workbook()
        sheet = book.add_sheet("S")
        for column in range(40):
            sheet.write(0, column, f"c{column}")
        sheet.write(1, 0, "A1")
        sheet.write(1, 1, 3)
        stream = io.BytesIO()
        book.save(stream)
        kind, _info, rows = self._table("old.xls", stream.getvalue(), max_columns=5)
        self.assertEqual(kind, "xls")
        self.assertEqual(rows[0][1], ("c0", "c1", "c2", "c3", "c4"))
        self.assertEqual(rows[1][1][:2], ("A1", 3.0))
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "content is an .xls workbook"):
            self._table("old.xlsx", stream.getvalue())
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "not a spreadsheet"):
            self._table("", stream.getvalue(), kinds=("xlsx", "csv"))

    def test_formulas_give_the_saved_value_never_a_computed_one(self):
        sheet = (
            '<c r="A1" t="inlineStr"><is><t>sku</t></is></c><c r="B1"><f>1+1</f></c><c r="C1"><f>2*3</f><v>5</v></c>'
        )
        data = xlsx([[("A", "placeholder")]])
        source = zipfile.ZipFile(io.BytesIO(data))
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    content = content.replace(
                        b'<c r="A1" t="inlineStr"><is><t>placeholder</t></is></c>', sheet.encode()
                    )
                target.writestr(info, content)
        _kind, info, rows = self._table("f.xlsx", stream.getvalue())
        self.assertTrue(info["formulas"])
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][1][:3], ("sku", None, 5))

    def test_files_that_are_not_spreadsheets_are_refused_by_content(self):
        for executable in EXECUTABLES:
            for name in ("report.xlsx", "report.csv", "report.xls", ""):
                with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "not a spreadsheet"):
                    self._table(name, executable)
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "empty"):
            self._table("a.csv", b"")
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "larger than 1 MB"):
            self._table("a.csv", b"a,b\n" * 300000, max_bytes=1024 * 1024)
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, r"Upload an \.xlsx or \.csv file"):
            self._table("a.exe", b"a,b\n", kinds=("xlsx", "csv"))
        with self.assertRaisesRegex(spreadsheet.SpreadsheetError, "not a readable .xlsx"):
            self._table("a.xlsx", b"PK\x03\x04garbage")
