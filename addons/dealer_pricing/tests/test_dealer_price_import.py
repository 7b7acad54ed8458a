import base64
import io
import re
import tracemalloc
import zipfile
from datetime import date, datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.dealer_base.tests.spreadsheet_files import EXECUTABLES, wide_xlsx
from odoo.addons.dealer_base.tests.xlsx_checks import FORMULA, assert_written_as_text
from odoo.addons.dealer_pricing.wizards.dealer_price_import import COLUMNS

from .common import DealerPricingCase


@tagged("post_install", "-at_install")
class TestDealerPriceImport(DealerPricingCase):
    def _wizard(self, data, user=None, filename="prices.xlsx"):
        env = self.env(user=user) if user else self.env
        return env["dealer.price.import"].create({"file": data, "filename": filename})

    def _snapshot(self, dealers):
        prices = self.env["dealer.price"].search([("dealer_id", "in", dealers.ids)])
        return sorted(
            (p.dealer_code, p.default_code, p.price, p.min_quantity, p.date_start, p.date_end) for p in prices
        )

    @staticmethod
    def _with_cached_values(data, values):
        """The .xlsx as Excel saves it: each formula cell (by reference) keeps its last computed value."""
        source = zipfile.ZipFile(io.BytesIO(base64.b64decode(data)))
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    for ref, value in values.items():
                        content, count = re.subn(
                            rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?'.encode(),
                            rb"\g<1><v>" + str(value).encode() + b"</v>",
                            content,
                        )
                        assert count == 1, ref
                target.writestr(info, content)
        return base64.b64encode(stream.getvalue())

    def test_preview_shows_changes_and_applies_nothing_until_confirmed(self):
        existing = self._price(self.dealer_a, 80.0)
        data = self._xlsx(
            [
                ("TA01", "T-KETTLE", 78.0, None, None, None),
                ("TA01", "T-KETTLE", 70, 50, None, None),
                ("TB01", "T-LID", 150, 0, datetime(2026, 1, 1), "2026-12-31"),
                ("TA01", "T-LID", "180", None, None, None),
            ]
        )
        wizard = self._wizard(data)
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.mapped("action"), ["update", "create", "create", "create"])
        self.assertEqual(wizard.line_ids.mapped("row"), [2, 3, 4, 5])
        self.assertEqual(wizard.line_ids[0].old_price, 80.0)
        self.assertEqual(wizard.line_ids[2].date_start, date(2026, 1, 1))
        self.assertEqual(existing.price, 80.0, "the preview changes nothing")
        self.assertEqual(
            self.env["dealer.price"].search_count([("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)]), 1
        )
        wizard.action_apply()
        self.assertEqual(existing.price, 78.0)
        prices = self.env["dealer.price"].search([("dealer_id", "=", self.dealer_b.id)])
        self.assertEqual((prices.price, prices.date_end), (150.0, date(2026, 12, 31)))
        order = self._sale(self.dealer_a, [(self.product, 60)])
        self.assertEqual(order.order_line.price_unit, 70.0)

    def test_bad_rows_are_reported_by_row_and_nothing_is_applied(self):
        self._price(self.dealer_a, 80.0, date_start=date(2026, 1, 1))
        data = self._xlsx(
            [
                ("TA01", "T-LID", 150, None, None, None),
                ("NOPE", "T-LID", 150, None, None, None),
                ("TA01", "NO-SKU", 150, None, None, None),
                ("TB01", "T-LID", -1, None, None, None),
                ("TB01", "T-KETTLE", 0, None, None, None),
                ("TA01", "T-KETTLE", 75, None, "2026-03-01", None),
                ("TB01", "T-LID", 99, 5, "2026-01-01", "2026-06-30"),
                ("TB01", "T-LID", 98, 5, "2026-06-30", None),
            ]
        )
        wizard = self._wizard(data)
        wizard.action_preview()
        errors = {line.row: line.error for line in wizard.line_ids if line.error}
        self.assertEqual(sorted(errors), [3, 4, 5, 6, 7, 9])
        self.assertIn("NOPE", errors[3])
        self.assertIn("NO-SKU", errors[4])
        self.assertIn("positive", errors[5])
        self.assertIn("overlaps an existing price", errors[7])
        self.assertIn("row 8", errors[9])
        with self.assertRaisesRegex(UserError, "Row 3"):
            wizard.action_apply()
        self.assertFalse(self.env["dealer.price"].search([("product_id", "=", self.product_part.id)]))

    def test_prices_and_quantities_out_of_bounds_are_refused_and_nothing_is_applied(self):
        data = self._xlsx(
            [
                ("TA01", "T-LID", "nan", None, None, None),
                ("TA01", "T-LID", "inf", None, None, None),
                ("TA01", "T-LID", "1e308", None, None, None),
                ("TA01", "T-LID", 1e20, None, None, None),
                ("TA01", "T-LID", 10, "NaN", None, None),
                ("TA01", "T-LID", 10, 1e20, None, None),
                ("TA01", "T-LID", 10, "-inf", None, None),
                ("TB01", "T-LID", 999999999, 1000000, None, None),
            ]
        )
        wizard = self._wizard(data)
        wizard.action_preview()
        errors = {line.row: line.error for line in wizard.line_ids}
        self.assertEqual(errors[2], "the price is not a number")
        self.assertEqual(errors[3], "the price is not a number")
        self.assertEqual(errors[4], "the price 1e+308 is above the maximum of 1,000,000,000")
        self.assertEqual(errors[5], "the price 1e+20 is above the maximum of 1,000,000,000")
        self.assertEqual(errors[6], "the minimum quantity is not a number")
        self.assertEqual(errors[7], "the minimum quantity 1e+20 is above the maximum of 1,000,000 per line")
        self.assertEqual(errors[8], "the minimum quantity is not a number")
        self.assertFalse(errors[9])
        with self.assertRaisesRegex(UserError, "Nothing was imported"):
            wizard.action_apply()
        self.assertFalse(self.env["dealer.price"].search([("product_id.default_code", "=", "T-LID")]))

    def test_file_declaring_thousands_of_columns_is_read_within_the_column_cap(self):
        data = wide_xlsx(COLUMNS, ["TA01", "T-LID", 150], 2000)
        wizard = self._wizard(base64.b64encode(data))
        tracemalloc.start()
        try:
            wizard.action_preview()
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual(len(wizard.line_ids), 2000)
        self.assertLess(peak, 100 * 1024 * 1024)

    def test_a_file_that_is_not_a_spreadsheet_is_refused_by_content(self):
        wizard = self._wizard(base64.b64encode(b"%PDF-1.4 not a spreadsheet"))
        with self.assertRaisesRegex(UserError, "not a spreadsheet"):
            wizard.action_preview()
        for executable in EXECUTABLES:
            with self.assertRaisesRegex(UserError, "not a spreadsheet"):
                self._wizard(base64.b64encode(executable)).action_preview()
        broken_zip = self._wizard(base64.b64encode(b"PK\x03\x04garbage"))
        with self.assertRaisesRegex(UserError, "not a readable .xlsx"):
            broken_zip.action_preview()
        broken_xls = self._wizard(
            base64.b64encode(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), filename="prices.xls"
        )
        with self.assertRaisesRegex(UserError, "not a readable .xls"):
            broken_xls.action_preview()

    def test_export_then_import_changes_nothing(self):
        self._price(self.dealer_a, 80.0, date_start=date(2026, 1, 1), date_end=date(2026, 6, 30))
        self._price(self.dealer_a, 75.0, min_quantity=10)
        prices = self.env["dealer.price"].search([("dealer_id", "=", self.dealer_a.id)])
        data = self.env["dealer.price.import"]._export_xlsx(prices)
        wizard = self._wizard(base64.b64encode(data))
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.mapped("action"), ["unchanged", "unchanged"])
        action = prices.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_export_writes_codes_as_text(self):
        self.product.default_code = FORMULA
        self._price(self.dealer_a, 80.0, date_start=date(2026, 1, 1))
        prices = self.env["dealer.price"].search([("dealer_id", "=", self.dealer_a.id)])
        data = self.env["dealer.price.import"]._export_xlsx(prices)
        assert_written_as_text(self, data, [FORMULA, self.dealer_a.dealer_code])

    def test_xls_export_reimports_to_identical_prices(self):
        self._price(self.dealer_a, 80.5, date_start=date(2026, 1, 1), date_end=date(2026, 6, 30))
        self._price(self.dealer_a, 75.25, min_quantity=10)
        self._price(self.dealer_b, 150.0, product=self.product_part, date_start=date(2026, 7, 1))
        dealers = self.dealer_a | self.dealer_b
        before = self._snapshot(dealers)
        prices = self.env["dealer.price"].search([("dealer_id", "in", dealers.ids)])
        action = prices.action_export_xls()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertEqual((attachment.name, attachment.mimetype), ("dealer_prices.xls", "application/vnd.ms-excel"))
        self.assertTrue(attachment.raw.startswith(b"\xd0\xcf\x11\xe0"), "an Excel 97-2003 file")
        data = base64.b64encode(attachment.raw)
        # Re-importing the export over the same prices changes nothing.
        wizard = self._wizard(data, filename="dealer_prices.xls")
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.mapped("action"), ["unchanged"] * 3)
        # Into a database without these prices, it recreates them exactly.
        prices.unlink()
        wizard = self._wizard(data, filename="dealer_prices.xls")
        wizard.action_preview()
        self.assertEqual(wizard.line_ids.mapped("action"), ["create"] * 3)
        wizard.action_apply()
        self.assertEqual(self._snapshot(dealers), before)
        order = self._sale(self.dealer_a, [(self.product, 12)], date_order=self._utc("2026-08-01 00:00:00"))
        self.assertEqual(order.order_line.price_unit, 75.25)

    def test_xls_import_with_date_cells_and_dates_as_text(self):
        existing = self._price(self.dealer_a, 80.0)
        data = self._xls(
            [
                ("TA01", "T-KETTLE", 79.0, None, None, None),
                ("TA01", "T-LID", 180.0, 5.0, date(2026, 1, 1), date(2026, 6, 30)),
                ("TB01", "T-LID", "150.5", "0", "2026-07-01", "2026-12-31"),
            ]
        )
        wizard = self._wizard(data, filename="prices.xls")
        wizard.action_preview()
        self.assertFalse(wizard.line_ids.filtered("error"), wizard.line_ids.mapped("error"))
        self.assertEqual(wizard.line_ids.mapped("action"), ["update", "create", "create"])
        wizard.action_apply()
        self.assertEqual(existing.price, 79.0)
        lid_a = self.env["dealer.price"].search(
            [("dealer_id", "=", self.dealer_a.id), ("product_id.default_code", "=", "T-LID")]
        )
        self.assertEqual(
            (lid_a.price, lid_a.min_quantity, lid_a.date_start, lid_a.date_end),
            (180.0, 5.0, date(2026, 1, 1), date(2026, 6, 30)),
        )
        lid_b = self.env["dealer.price"].search([("dealer_id", "=", self.dealer_b.id)])
        self.assertEqual((lid_b.price, lid_b.date_start, lid_b.date_end), (150.5, date(2026, 7, 1), date(2026, 12, 31)))

    def test_xlsx_import_with_text_dates_formulas_and_an_unknown_chinese_sku(self):
        data = self._xlsx(
            [
                ("TA01", "T-KETTLE", "=80+2", None, "2026-01-01", "2026-12-31"),
                ("TA01", "T-LID", 180, "=2*5", " 2026-03-01 ", None),
                ("TB01", "厨具-001", 99, None, None, None),
            ]
        )
        # Saved by Excel, each formula cell keeps its computed value: that value is imported.
        wizard = self._wizard(self._with_cached_values(data, {"C2": 82, "D3": 10}))
        wizard.action_preview()
        rows = {line.row: line for line in wizard.line_ids}
        self.assertEqual(
            (rows[2].price, rows[2].date_start, rows[2].date_end, rows[2].error),
            (82.0, date(2026, 1, 1), date(2026, 12, 31), False),
        )
        self.assertEqual((rows[3].min_quantity, rows[3].date_start, rows[3].error), (10.0, date(2026, 3, 1), False))
        self.assertEqual(rows[4].error, "unknown SKU 厨具-001")
        self.assertEqual(rows[4].sku, "厨具-001")
        with self.assertRaisesRegex(UserError, "Row 4: unknown SKU 厨具-001"):
            wizard.action_apply()
        self.assertFalse(self.env["dealer.price"].search([("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)]))

    def test_salesperson_cannot_import_prices_of_other_dealers(self):
        data = self._xlsx([("TB01", "T-LID", 150, None, None, None)])
        wizard = self._wizard(data, user=self.sales_a)
        wizard.action_preview()
        self.assertIn("TB01", wizard.line_ids.error)
