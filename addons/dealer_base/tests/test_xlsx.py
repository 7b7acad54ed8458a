import io
from datetime import date

import openpyxl

from odoo.tests import TransactionCase

from odoo.addons.dealer_base.tools import xlsx_workbook, xlsx_write, xlsx_write_row

from .xlsx_checks import FORMULA, assert_written_as_text


class TestXlsxExport(TransactionCase):
    def test_text_stays_text_and_values_keep_their_type(self):
        output = io.BytesIO()
        book = xlsx_workbook(output)
        sheet = book.add_worksheet("Export")
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        texts = [FORMULA, "+1+2", "@SUM(A1)", "http://example.com/x", "00123"]
        xlsx_write_row(sheet, 0, texts)
        xlsx_write_row(sheet, 1, [12.5, 3, date(2026, 1, 31), None, False, True], date_format=day)
        xlsx_write(sheet, 2, 0, "-2+3")
        book.close()
        assert_written_as_text(self, output.getvalue(), [*texts, "-2+3"])
        values = next(openpyxl.load_workbook(output).active.iter_rows(min_row=2, max_row=2, values_only=True))
        self.assertEqual(values[:3], (12.5, 3, openpyxl.utils.datetime.from_excel(46053)))
        self.assertEqual(values[3:], (None, None, True))
