import base64
import io
import math
import re
import tracemalloc
import zipfile
from datetime import datetime
from pathlib import Path

from odoo import Command
from odoo.exceptions import UserError
from odoo.models import INSERT_BATCH_SIZE
from odoo.tests import tagged

from odoo.addons.dealer_portal.models import order_input

from .common import DealerPortalCase
from .order_input_common import OrderInputCase

DATA = Path(__file__).parent / "data"


@tagged("post_install", "-at_install")
class TestOrderImport(OrderInputCase):
    def _preview(self, data, filename="order.xlsx", dealer=None, user=None):
        env = self.env(user=user or self.portal_a, su=True)
        return env["dealer.order.import"]._dealer_portal_create_preview(dealer or self.dealer_a, filename, data)

    def _refused(self, data, filename="order.xlsx", message=""):
        cart = self._cart()
        count = self.env["dealer.order.import"].sudo().search_count([])
        with self.assertRaisesRegex(UserError, message):
            self._preview(data, filename)
        self.assertEqual(self.env["dealer.order.import"].sudo().search_count([]), count, "no preview is kept")
        self.assertFalse(cart.order_line, "nothing is added")

    @staticmethod
    def _statuses(preview):
        return {entry["row"]: entry.get("error") or "OK" for entry in preview.rows}

    # ------------------------------------------------------------
    # PREVIEW AND APPLY
    # ------------------------------------------------------------

    def test_xlsx_preview_lists_every_row_then_apply_adds_them(self):
        data = self._xlsx([("T-KETTLE", 2), (None, None), ("T-CUPS", 12), ("电热水壶-01", 3)])
        preview = self._preview(data)
        self.assertEqual(self._statuses(preview), {2: "OK", 4: "OK", 5: "OK"}, "row numbers as in the spreadsheet")
        cart = self._cart()
        self.assertFalse(cart.order_line, "the preview adds nothing")
        preview._dealer_portal_apply(cart)
        self.assertEqual(self._lines(cart), {"T-KETTLE": 2, "T-CUPS": 12, "电热水壶-01": 3})
        self.assertEqual(preview.state, "applied")
        self.assertFalse(preview._dealer_portal_apply(cart))
        self.assertEqual(self._lines(cart)["T-KETTLE"], 2, "a second apply adds nothing")

    def test_any_bad_row_lists_every_bad_row_and_nothing_can_be_applied(self):
        data = self._xlsx(
            [("T-KETTLE", 2), ("NOPE", 1), ("T-PAN", 1), ("T-CUPS", 13), ("T-KETTLE", "lots"), ("T-KETTLE", 0)]
        )
        preview = self._preview(data)
        statuses = self._statuses(preview)
        self.assertEqual(statuses[2], "OK")
        self.assertEqual([row for row, status in statuses.items() if status != "OK"], [3, 4, 5, 6, 7])
        self.assertIn("NOPE", statuses[3])
        self.assertIn("authorised", statuses[4])
        self.assertIn("packs of 6", statuses[5])
        self.assertEqual(preview.error_count, 5)
        cart = self._cart()
        with self.assertRaisesRegex(UserError, "nothing was added"):
            preview._dealer_portal_apply(cart)
        self.assertFalse(cart.order_line)

    def test_apply_checks_the_rows_again(self):
        preview = self._preview(self._xlsx([("T-KETTLE", 2)]))
        self.env["dealer.assortment.rule"].create(
            {"dealer_id": self.dealer_a.id, "rule_type": "exclude", "product_id": self.product.id}
        )
        cart = self._cart()
        with self.assertRaisesRegex(UserError, "authorised"):
            preview._dealer_portal_apply(cart)
        self.assertFalse(cart.order_line)

    def test_preview_applies_only_to_the_cart_of_its_dealer(self):
        preview = self._preview(self._xlsx([("T-KETTLE", 2)]))
        cart_b = self._cart(self.dealer_b, self.portal_b)
        with self.assertRaisesRegex(UserError, "another dealer"):
            preview._dealer_portal_apply(cart_b)
        self.assertFalse(cart_b.order_line)

    def test_xls_and_csv_files_are_read_like_xlsx(self):
        rows = [("T-KETTLE", 2), ("电热水壶-01", 1)]
        expected = {2: "OK", 3: "OK"}
        self.assertEqual(self._statuses(self._preview(self._xls(rows), "order.xls")), expected)
        for encoding in ("utf-8", "utf-8-sig", "gb18030"):
            preview = self._preview(self._csv(rows, encoding=encoding), "order.csv")
            self.assertEqual(self._statuses(preview), expected, encoding)
            self.assertEqual(preview.rows[1]["sku"], "电热水壶-01", encoding)
        tab = self._csv(rows, delimiter="\t", header=("物料编码", "数量"))
        self.assertEqual(self._statuses(self._preview(tab, "order.csv")), expected)

    def test_csv_from_excel_in_utf16_or_with_semicolons_is_read(self):
        rows = [("T-KETTLE", 2), ("电热水壶-01", 1)]
        utf16 = self._csv(rows, delimiter="\t", encoding="utf-16")
        self.assertEqual(self._statuses(self._preview(utf16, "order.csv")), {2: "OK", 3: "OK"})
        semicolons = self._csv(rows, delimiter=";")
        self.assertEqual(self._statuses(self._preview(semicolons, "order.csv")), {2: "OK", 3: "OK"})

    def test_header_is_found_below_a_title_and_columns_in_any_order(self):
        def sheet(ws):
            ws.insert_rows(1)
            ws["A1"] = "订货单 Order form"

        data = self._xlsx([("Kettle", 2, "T-KETTLE")], header=("Name", "数量", "商品编码"), sheet=sheet)
        preview = self._preview(data)
        self.assertEqual(self._statuses(preview), {3: "OK"})
        self.assertEqual(preview.rows[0]["sku"], "T-KETTLE")

    def test_file_without_header_reads_code_then_quantity(self):
        preview = self._preview(self._csv([("T-KETTLE", "1,200"), ("T-CUPS", "１２")], header=None), "order.csv")
        self.assertEqual(self._statuses(preview), {1: "OK", 2: "OK"})
        self.assertEqual([entry["qty"] for entry in preview.rows], [1200, 12])

    def test_downloaded_template_is_read_back(self):
        data = self.env["dealer.order.import"]._dealer_portal_template()
        import openpyxl  # noqa: PLC0415 - test-only

        book = openpyxl.load_workbook(io.BytesIO(data))
        self.assertEqual([c.value for c in book.worksheets[0][1]], ["SKU", "Quantity"])
        self.assertGreater(book["Instructions"].max_row, 3)
        book.worksheets[0].append(["T-KETTLE", 4])
        stream = io.BytesIO()
        book.save(stream)
        self.assertEqual(self._statuses(self._preview(stream.getvalue())), {2: "OK"})

    # ------------------------------------------------------------
    # BAD FILES
    # ------------------------------------------------------------

    def test_empty_file_is_refused(self):
        self._refused(b"", "order.xlsx", "empty")
        self._refused(self._xlsx([]), "order.xlsx", "no order rows")
        self._refused(b"", "order.csv", "empty")

    def test_wrong_extension_is_refused(self):
        self._refused(self._xlsx([("T-KETTLE", 1)]), "order.pdf", r"\.xlsx, \.xls or \.csv")
        self._refused(self._xlsx([("T-KETTLE", 1)]), "order", r"\.xlsx, \.xls or \.csv")

    def test_renamed_binary_is_refused_by_its_content(self):
        png = base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        )
        self._refused(png, "order.xlsx", "not a spreadsheet")
        self._refused(png, "order.csv", "not a spreadsheet")
        self._refused(b"PK\x03\x04garbage", "order.xlsx", "not a readable")
        other_zip = io.BytesIO()
        with zipfile.ZipFile(other_zip, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
        self._refused(other_zip.getvalue(), "order.xlsx", "not an Excel")
        self._refused(self._xls([("T-KETTLE", 1)]), "order.xlsx", r"\.xls workbook")
        self._refused(self._xlsx([("T-KETTLE", 1)]), "order.csv", r"\.xlsx workbook")
        self._refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "order.xls", "not a readable")

    def test_password_protected_workbook_is_refused(self):
        # A real workbook encrypted by Excel's agile encryption (password "secret").
        data = (DATA / "password_protected.xlsx").read_bytes()
        self._refused(data, "order.xlsx", "password")
        self._refused(data, "order.xls", "password")

    def test_too_many_rows_are_refused_with_bounded_memory(self):
        rows = "\n".join(f"T-KETTLE,{n}" for n in range(1, 100_001))
        data = ("SKU,Quantity\n" + rows).encode()
        tracemalloc.start()
        try:
            self._refused(data, "order.csv", "more than 10,000 order rows")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertLess(peak, 30 * 1024 * 1024, "the rows past the cap are never kept")
        self._refused(self._xlsx([("T-KETTLE", 1)] * 10_001), "order.xlsx", "more than 10,000 order rows")

    def test_zip_bomb_is_refused_before_decompressing(self):
        plain = self._xlsx([("T-KETTLE", 1)])
        stream = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(plain)) as source, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bomb:
            for info in source.infolist():
                bomb.writestr(info, source.read(info))
            with bomb.open("xl/media/padding.bin", "w") as padding:
                chunk = b"\0" * (1024 * 1024)
                for _n in range(60):
                    padding.write(chunk)
        data = stream.getvalue()
        self.assertLess(len(data), 1024 * 1024, "a small file that declares 60 MB")
        tracemalloc.start()
        try:
            self._refused(data, "order.xlsx", "too large once decompressed")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertLess(peak, 10 * 1024 * 1024)

    def test_upload_larger_than_the_cap_is_refused(self):
        data = b"SKU,Quantity\n" + b"T-KETTLE,1\n" * (order_input.MAX_UPLOAD_SIZE // 11 + 1)
        self._refused(data, "order.csv", "larger than 25 MB")

    def test_formulas_give_their_saved_values_and_are_never_evaluated(self):
        def sheet(ws):
            ws["B2"] = "=1+1"
            ws["B3"] = "=2*6"

        data = self._xlsx([("T-KETTLE", None), ("T-CUPS", None)], sheet=sheet)
        # As Excel saves it: B2 keeps its last computed value; B3 has none (never opened in Excel).
        source = zipfile.ZipFile(io.BytesIO(data))
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    content, count = re.subn(
                        rb'(<c r="B2"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rb"\g<1><v>5</v>", content
                    )
                    self.assertEqual(count, 1)
                target.writestr(info, content)
        preview = self._preview(stream.getvalue())
        statuses = self._statuses(preview)
        self.assertEqual(statuses[2], "OK")
        self.assertEqual(preview.rows[0]["qty"], 5, "the saved value, not a recomputation")
        self.assertIn("formula", statuses[3])

    def test_merged_cells_in_the_rows_are_refused(self):
        def sheet(ws):
            ws.merge_cells("A2:A3")

        self._refused(self._xlsx([("T-KETTLE", 1), (None, 2)], sheet=sheet), "order.xlsx", "merged cells.*A2:A3")

        def title(ws):
            ws.insert_rows(1)
            ws["A1"] = "订货单"
            ws.merge_cells("A1:B1")

        preview = self._preview(self._xlsx([("T-KETTLE", 1)], sheet=title))
        self.assertEqual(self._statuses(preview), {3: "OK"}, "a merged title above the header is fine")

    def test_dates_are_reported_not_guessed(self):
        preview = self._preview(
            self._xlsx([("T-KETTLE", "2024-01-05"), (datetime(2024, 1, 5), 2), ("T-KETTLE", datetime(2024, 3, 1))])
        )
        statuses = self._statuses(preview)
        self.assertIn("is a date", statuses[2])
        self.assertIn("read as a date", statuses[3])
        self.assertIn("is a date", statuses[4])
        csv_preview = self._preview(self._csv([("T-KETTLE", "2024/1/5")]), "order.csv")
        self.assertIn("is a date", self._statuses(csv_preview)[2])

    def test_undecodable_csv_is_refused(self):
        self._refused(b"SKU,Quantity\n\x81\xff\xfe,1\n", "order.csv", "encoding|cannot be read|not a spreadsheet")

    # ------------------------------------------------------------
    # SCALE
    # ------------------------------------------------------------

    def _import_counting(self, count):
        cart = self._cart()
        cart.order_line.unlink()
        data = self._xlsx([(p.default_code, 2) for p in self.many[:count]])
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        preview = self._preview(data)
        preview._dealer_portal_apply(cart)
        self.env.flush_all()
        self.assertEqual(len(cart.order_line), count)
        return self.cr.sql_log_count - before, cart, data

    def test_import_queries_do_not_grow_with_the_number_of_rows(self):
        self._import_counting(5)
        ten = self._import_counting(10)[0]
        cart = self._cart()
        cart.order_line.unlink()
        data = self._xlsx([(p.default_code, 2) for p in self.many[:150]])
        self.env.flush_all()
        self.env.invalidate_all()
        # Odoo inserts and updates rows by batches of 100: 150 lines take one more INSERT and UPDATE.
        batches = math.ceil(150 / INSERT_BATCH_SIZE) - 1
        with self.assertQueryCount(ten + 2 * batches):
            self._preview(data)._dealer_portal_apply(cart)
        self.assertEqual(len(cart.order_line), 150)


@tagged("post_install", "-at_install")
class TestImportedLinesAreOrdinaryLines(DealerPortalCase):
    def test_imported_line_equals_a_line_added_in_the_back_office(self):
        vat = self.env["account.tax"].create({"name": "Test VAT 13%", "amount": 13.0, "type_tax_use": "sale"})
        self.fan.taxes_id = vat
        self.env["product.pricelist.item"].create(
            {
                "pricelist_id": self.pricelist_a.id,
                "applied_on": "0_product_variant",
                "product_id": self.fan.id,
                "compute_price": "percentage",
                "percent_price": 10.0,
            }
        )
        rows = [("PT-KETTLE", 12), ("PT-FAN", 3), ("PT-CUPS", 6)]
        cart = self._cart(self.dealer_a, self.portal_a)
        data = OrderInputCase._xlsx(rows)
        preview = self.env(user=self.portal_a, su=True)["dealer.order.import"]._dealer_portal_create_preview(
            self.dealer_a, "order.xlsx", data
        )
        preview._dealer_portal_apply(cart)
        by_hand = self.env["sale.order"].create(
            {
                "partner_id": self.dealer_a.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.env["product.product"].search([("default_code", "=", c)]).id,
                            "product_uom_qty": q,
                        }
                    )
                    for c, q in rows
                ],
            }
        )
        fields = ("price_unit", "discount", "tax_id", "name", "dealer_price_rule", "price_subtotal", "price_total")

        def values(order):
            return {line.product_id.default_code: {name: line[name] for name in fields} for line in order.order_line}

        imported = values(cart)
        self.assertEqual(imported, values(by_hand))
        self.assertEqual(imported["PT-KETTLE"]["price_unit"], 80.0, "the quantity break applies to imported lines")
        self.assertEqual(imported["PT-FAN"]["tax_id"], vat)
        self.assertAlmostEqual(imported["PT-FAN"]["price_subtotal"], 540.0)
        self.assertEqual(cart.amount_total, by_hand.amount_total)
