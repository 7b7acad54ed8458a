import csv
import io
import tracemalloc
from datetime import timedelta

import openpyxl

from odoo.tests import tagged

from odoo.addons.dealer_base.tests.spreadsheet_files import EXECUTABLES, wide_xlsx, xlsx
from odoo.addons.dealer_channel_inventory.models.dealer_stock_report import DealerStockReportError
from odoo.addons.dealer_channel_inventory.tools.channel_math import period_label

from .channel_common import ChannelCase


@tagged("post_install", "-at_install")
class TestStockReport(ChannelCase):
    def _rows(self, *rows):
        return [
            {"ref": f"Row {n}", "sku": sku, "period": period, "on_hand": on_hand, "sold": sold}
            for n, (sku, period, on_hand, sold) in enumerate(rows, start=2)
        ]

    def test_every_bad_row_is_reported_and_nothing_is_saved(self):
        future = period_label("week", self.today + timedelta(days=7))
        rows = self._rows(
            ("T-CH-1", self._week(0), 10, 2),
            ("T-CH-2", self._week(0), -1, 2),
            ("NOPE", self._week(0), 1, 1),
            ("T-CH-3", future, 1, 1),
            ("T-CH-1", self._week(0), 3, 3),
            ("T-CH-3", "2026-11", 1, 1),
            ("T-CH-3", self._week(0), "many", 1),
        )
        with self.assertRaises(DealerStockReportError) as caught:
            self.Report._submit_rows(self.dealer_a, rows, "upload")
        errors = dict(caught.exception.errors)
        self.assertNotIn("Row 2", errors)
        self.assertIn("cannot be negative", errors["Row 3"])
        self.assertIn("Unknown product code NOPE", errors["Row 4"])
        self.assertIn("in the future", errors["Row 5"])
        self.assertIn("already reported", errors["Row 6"])
        self.assertIn("Row 2", errors["Row 6"])
        self.assertIn("every week", errors["Row 7"])
        self.assertIn("must be a number", errors["Row 8"])
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))

    def test_quantities_beyond_the_maximum_per_line_are_refused(self):
        rows = [
            {"ref": "1", "sku": "T-CH-1", "period": self._week(0), "on_hand": "1e20", "sold": 0},
            {"ref": "2", "sku": "T-CH-2", "period": self._week(0), "on_hand": 5, "sold": 1e308},
            {"ref": "3", "sku": "T-CH-3", "period": self._week(0), "on_hand": "nan", "sold": "inf"},
        ]
        with self.assertRaises(DealerStockReportError) as caught:
            self.Report._submit_rows(self.dealer_a, rows, "upload")
        self.assertEqual([ref for ref, _message in caught.exception.errors], ["1", "2", "3", "3"])
        self.assertIn("The stock on hand 1e+20 is above the maximum of 1,000,000 per line.", str(caught.exception))
        self.assertIn("The sell-out 1e+308 is above the maximum", str(caught.exception))
        self.assertFalse(self.Report.search([("dealer_id", "=", self.dealer_a.id)]))
        self.env["ir.config_parameter"].sudo().set_param("dealer_base.max_line_qty", "10")
        with self.assertRaises(DealerStockReportError):
            self._report(self.dealer_a, [(self.p1, 11, 0)], self._week(0))
        self._report(self.dealer_a, [(self.p1, 10, 10)], self._week(0))

    def test_sellout_above_available_stock_is_saved_with_a_warning(self):
        self._report(self.dealer_a, [(self.p1, 5, 0)], self._week(1))
        self._ship(self.dealer_a, self.p1, 2, self.week0 + timedelta(days=1))
        result = self._report(self.dealer_a, [(self.p1, 0, 8)], self._week(0))
        line = result["reports"].line_ids
        self.assertEqual(line.available_qty, 7)
        self.assertIn("is 1.0 above the available stock 7.0", line.warning)
        self.assertEqual(len(result["warnings"]), 1)

    def test_a_replayed_report_changes_nothing_and_a_correction_replaces_the_line(self):
        rows = [(self.p1, 10, 2), (self.p2, 4, 1)]
        first = self._report(self.dealer_a, rows, self._week(0))["reports"]
        second = self._report(self.dealer_a, rows, self._week(0))["reports"]
        self.assertEqual(first, second)
        self.assertEqual(len(second.line_ids), 2)
        self._report(self.dealer_a, [(self.p1, 9, 3)], self._week(0))
        self.assertEqual(
            {line.product_id: (line.onhand_qty, line.sold_qty) for line in second.line_ids},
            {self.p1: (9, 3), self.p2: (4, 1)},
        )

    def test_csv_and_xlsx_files_give_the_same_rows(self):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["商品编码", "期间", "库存", "销量"])
        writer.writerow(["T-CH-1", self._week(0), "12", "3"])
        writer.writerow(["", "", "", ""])
        writer.writerow(["T-CH-2", "", "1,000", "0"])
        csv_rows = self.Report._parse_report_file(buffer.getvalue().encode("gb18030"))
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["sku", "period", "on hand", "sold"])
        sheet.append(["T-CH-1", self._week(0), 12, 3])
        sheet.append(["T-CH-2", None, 1000, 0])
        content = io.BytesIO()
        workbook.save(content)
        xlsx_rows = self.Report._parse_report_file(content.getvalue())
        self.assertEqual([r["sku"] for r in csv_rows], ["T-CH-1", "T-CH-2"])
        self.assertEqual([r["sku"] for r in xlsx_rows], ["T-CH-1", "T-CH-2"])
        self.assertEqual(csv_rows[1]["ref"], "Row 4")
        result = self.Report._submit_rows(self.dealer_a, csv_rows, "upload", default_period=self._week(0))
        self.assertEqual(result["reports"].line_ids.mapped("onhand_qty"), [12, 1000])

    def test_upload_declaring_thousands_of_columns_is_read_within_the_column_cap(self):
        data = wide_xlsx(["sku", "period", "on hand", "sold"], ["T-CH-1", self._week(0), 1, 0], 5000)
        self.assertLess(len(data), 100 * 1024)
        tracemalloc.start()
        try:
            rows = self.Report._parse_report_file(data, "report.xlsx")
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual(len(rows), 5000)
        self.assertLess(peak, 60 * 1024 * 1024)

    def test_files_are_checked_by_content(self):
        for content, message in (
            (b"", "empty"),
            (b"\x89PNG\r\n\x1a\n\x00\x00", "not a spreadsheet"),
            (b"PK\x03\x04not really a zip", "not a readable"),
            (EXECUTABLES[0], "not a spreadsheet"),
            (xlsx([[("A", "sku")]], padding=20 * 1024 * 1024), "too large once decompressed"),
            (b"name,qty\nx,1\n", "must name the columns"),
        ):
            with self.assertRaises(DealerStockReportError) as caught:
                self.Report._parse_report_file(content)
            self.assertIn(message, str(caught.exception))

    def test_portal_grid_lists_bought_and_reported_products_with_their_figures(self):
        self._report(self.dealer_a, [(self.p2, 7, 1)], self._week(0))
        order = self._order(self.dealer_a)
        order.action_confirm()
        (_type, start, _end), grid = self.Report._get_portal_grid(self.dealer_a)
        self.assertEqual(start, self.week0)
        products = {row["product"]: row["line"] for row in grid}
        self.assertIn(self.product, products)
        self.assertEqual(products[self.p2].onhand_qty, 7)
