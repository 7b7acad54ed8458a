"""Import and export of dealer prices as .xlsx or .xls, with a preview before anything changes."""

import base64
import io
from datetime import date, datetime

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.dealer_base.tools import (
    MAX_AMOUNT,
    format_number,
    max_line_qty,
    parse_quantity,
    spreadsheet,
    xlsx_workbook,
    xlsx_write_row,
)

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_ROWS = 50000
XLS_MAX_ROWS = 65536
MAX_COLUMNS = 30
COLUMNS = ["Dealer Code", "SKU", "Price", "Min. Quantity", "Valid From", "Valid To"]


class DealerPriceImport(models.TransientModel):
    _name = "dealer.price.import"
    _description = "Import Dealer Prices"

    file = fields.Binary(string="Spreadsheet", required=True, attachment=False)
    filename = fields.Char()
    state = fields.Selection([("upload", "Upload"), ("preview", "Preview")], default="upload", required=True)
    line_ids = fields.One2many("dealer.price.import.line", "import_id", string="Rows")
    error_count = fields.Integer(compute="_compute_counts")
    change_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.error", "line_ids.action")
    def _compute_counts(self):
        for wizard in self:
            wizard.error_count = len(wizard.line_ids.filtered("error"))
            wizard.change_count = len(wizard.line_ids.filtered(lambda line: line.action in ("create", "update")))

    # ------------------------------------------------------------
    # PARSING
    # ------------------------------------------------------------

    @api.model
    def _parse_date(self, value):
        if value in (None, ""):
            return False
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return fields.Date.to_date(str(value).strip()[:10])

    @api.model
    def _parse_number(self, value):
        if value in (None, ""):
            return None
        try:
            return float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
        except OverflowError as e:
            raise ValueError(value) from e

    @api.model
    def _check_price(self, value):
        """(price, error): a price is a positive, finite number within the platform's bound on amounts."""
        try:
            price = parse_quantity(self._parse_number(value))
        except ValueError:
            price = None
        if price is None:
            return None, _("the price is not a number")
        if price <= 0:
            return None, _("the price must be positive")
        if price > MAX_AMOUNT:
            return None, _(
                "the price %(price)s is above the maximum of %(max)s",
                price=format_number(price),
                max=format_number(MAX_AMOUNT),
            )
        return price, None

    @api.model
    def _check_min_quantity(self, value):
        """(minimum quantity, error): empty is 0; else a finite number from 0 to the maximum per line."""
        try:
            number = self._parse_number(value)
        except ValueError:
            number = float("nan")
        if number is None:
            return 0.0, None
        qty = parse_quantity(number)
        if qty is None:
            return 0.0, _("the minimum quantity is not a number")
        if qty < 0:
            return 0.0, _("the minimum quantity cannot be negative")
        maximum = max_line_qty(self.env)
        if qty > maximum:
            return 0.0, _(
                "the minimum quantity %(qty)s is above the maximum of %(max)s per line",
                qty=format_number(qty),
                max=format_number(maximum),
            )
        return qty, None

    @api.model
    def _cell_text(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip() if value not in (None, "") else ""

    def _parse_rows(self, rows):
        """Import line values from the rows, each with its errors; rows[0] is the header."""
        Partner = self.env["res.partner"]
        Product = self.env["product.product"]
        body = [(n, row) for n, row in enumerate(rows[1:], start=2) if any(c not in (None, "") for c in row)]
        codes = {self._cell_text(row[0]) for _n, row in body if row}
        skus = {self._cell_text(row[1]) for _n, row in body if len(row) > 1}
        dealers = {
            d.dealer_code: d for d in Partner.search([("is_dealer", "=", True), ("dealer_code", "in", list(codes))])
        }
        products = {p.default_code: p for p in Product.search([("default_code", "in", list(skus))])}
        vals_list = []
        for number, raw in body:
            row = (tuple(raw) + (None,) * 6)[:6]
            errors = []
            code, sku = self._cell_text(row[0]), self._cell_text(row[1])
            dealer, product = dealers.get(code), products.get(sku)
            if not dealer:
                errors.append(_("unknown dealer code %s", code or "''"))
            if not product:
                errors.append(_("unknown SKU %s", sku or "''"))
            price, error = self._check_price(row[2])
            if error:
                errors.append(error)
            min_qty, error = self._check_min_quantity(row[3])
            if error:
                errors.append(error)
            try:
                date_start, date_end = self._parse_date(row[4]), self._parse_date(row[5])
                if date_start and date_end and date_start > date_end:
                    errors.append(_("the validity ends before it starts"))
            except ValueError:
                date_start = date_end = False
                errors.append(_("a date is not a date (use YYYY-MM-DD)"))
            vals_list.append(
                {
                    "row": number,
                    "dealer_id": dealer.id if dealer else False,
                    "product_id": product.id if product else False,
                    "dealer_code": code,
                    "sku": sku,
                    "price": price or 0.0,
                    "min_quantity": min_qty,
                    "date_start": date_start,
                    "date_end": date_end,
                    "error": "; ".join(errors) or False,
                }
            )
        return vals_list

    def _match_existing(self, vals_list):
        """Set the action (create / update / unchanged) of each row and find overlaps."""
        Price = self.env["dealer.price"]
        valid = [v for v in vals_list if not v["error"]]
        existing = Price.search(
            [
                ("dealer_id", "in", list({v["dealer_id"] for v in valid})),
                ("product_id", "in", list({v["product_id"] for v in valid})),
                ("company_id", "=", self.env.company.id),
            ]
        )
        by_key = {}
        for price in existing:
            by_key.setdefault((price.dealer_id.id, price.product_id.id, round(price.min_quantity, 6)), []).append(price)
        digits = self.env["decimal.precision"].precision_get("Product Price")
        seen = {}
        for vals in valid:
            key = (vals["dealer_id"], vals["product_id"], round(vals["min_quantity"], 6))
            window = (vals["date_start"], vals["date_end"])
            same = [p for p in by_key.get(key, []) if (p.date_start, p.date_end) == window]
            others = [p for p in by_key.get(key, []) if p not in same and p._overlaps(*window)]
            clash = [n for n, w in seen.get(key, []) if _windows_overlap(w, window)]
            if others:
                vals["error"] = _("overlaps an existing price for the same dealer, SKU and minimum quantity")
                continue
            if clash:
                vals["error"] = _("overlaps row %s for the same dealer, SKU and minimum quantity", clash[0])
                continue
            seen.setdefault(key, []).append((vals["row"], window))
            if same:
                vals["price_id"] = same[0].id
                vals["old_price"] = same[0].price
                unchanged = float_compare(same[0].price, vals["price"], precision_digits=digits) == 0
                vals["action"] = "unchanged" if unchanged else "update"
            else:
                vals["action"] = "create"
        for vals in vals_list:
            if vals["error"]:
                vals["action"] = "error"
        return vals_list

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_preview(self):
        self.ensure_one()
        self.env["dealer.price"].check_access("create")
        _kind, _info, table = spreadsheet.read_table(
            self.env,
            self.filename,
            base64.b64decode(self.file or b""),
            kinds=("xlsx", "xls"),
            max_bytes=MAX_FILE_SIZE,
            max_rows=MAX_ROWS + 1,
            max_columns=MAX_COLUMNS,
            max_uncompressed=MAX_XLSX_UNCOMPRESSED,
        )
        rows = [row for _number, row in table]
        vals_list = self._match_existing(self._parse_rows(rows)) if rows else []
        self.write({"line_ids": [Command.clear()] + [Command.create(v) for v in vals_list], "state": "preview"})
        return self._reopen()

    def action_apply(self):
        """Apply the whole file, or nothing when one row is wrong."""
        self.ensure_one()
        if self.state != "preview":
            self.action_preview()
        errors = self.line_ids.filtered("error")
        if errors:
            raise UserError(
                _("Nothing was imported. Fix these rows first:\n%s", "\n".join(errors.mapped("display_name")))
            )
        Price = self.env["dealer.price"]
        try:
            with self.env.cr.savepoint():
                to_create = self.line_ids.filtered(lambda line: line.action == "create")
                Price.create([line._prepare_dealer_price_vals() for line in to_create])
                for line in self.line_ids.filtered(lambda line: line.action == "update"):
                    line.price_id.price = line.price
        except ValidationError as e:
            raise UserError(_("Nothing was imported: %s", e.args[0])) from e
        return {"type": "ir.actions.act_window_close"}

    def action_back(self):
        self.ensure_one()
        self.write({"state": "upload", "line_ids": [Command.clear()]})
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _export_rows(self, prices):
        """The prices as rows in the import's own columns (header excluded)."""
        return [
            [
                price.dealer_id.dealer_code,
                price.product_id.default_code,
                price.price,
                price.min_quantity,
                price.date_start or None,
                price.date_end or None,
            ]
            for price in prices
        ]

    @api.model
    def _export_xlsx(self, prices):
        """The prices as an .xlsx in the import's own columns (bytes); codes are written as text."""
        stream = io.BytesIO()
        book = xlsx_workbook(stream)
        sheet = book.add_worksheet("Dealer Prices")
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        xlsx_write_row(sheet, 0, COLUMNS)
        for index, row in enumerate(self._export_rows(prices), start=1):
            xlsx_write_row(sheet, index, row, date_format=day)
        book.close()
        return stream.getvalue()

    @api.model
    def _export_xls(self, prices):
        """The prices as an .xls (Excel 97-2003) in the import's own columns (bytes)."""
        import xlwt  # noqa: PLC0415 - only needed when prices are exported

        if len(prices) >= XLS_MAX_ROWS:
            raise UserError(_("An .xls file holds at most %s prices: export to .xlsx instead.", XLS_MAX_ROWS - 1))
        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Dealer Prices")
        date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
        for col, title in enumerate(COLUMNS):
            sheet.write(0, col, title)
        for r, row in enumerate(self._export_rows(prices), start=1):
            for col, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write(r, col, value, date_style)
                elif value is not None:
                    sheet.write(r, col, value)
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()


def _windows_overlap(a, b):
    return (not a[0] or not b[1] or a[0] <= b[1]) and (not a[1] or not b[0] or a[1] >= b[0])


class DealerPriceImportLine(models.TransientModel):
    _name = "dealer.price.import.line"
    _description = "Dealer Price Import Row"
    _order = "row"

    import_id = fields.Many2one("dealer.price.import", required=True, ondelete="cascade")
    row = fields.Integer(required=True)
    dealer_code = fields.Char()
    sku = fields.Char(string="SKU")
    dealer_id = fields.Many2one("res.partner")
    product_id = fields.Many2one("product.product")
    price_id = fields.Many2one("dealer.price", string="Existing Price")
    old_price = fields.Float(digits="Product Price")
    price = fields.Float(string="New Price", digits="Product Price")
    min_quantity = fields.Float(string="Min. Quantity", digits="Product Unit of Measure")
    date_start = fields.Date(string="Valid From")
    date_end = fields.Date(string="Valid To")
    action = fields.Selection(
        [("create", "New"), ("update", "Changed"), ("unchanged", "Unchanged"), ("error", "Error")], string="Change"
    )
    error = fields.Char()

    @api.depends("row", "error")
    def _compute_display_name(self):
        for line in self:
            line.display_name = _("Row %(row)s: %(error)s", row=line.row, error=line.error or "")

    def _prepare_dealer_price_vals(self):
        self.ensure_one()
        return {
            "dealer_id": self.dealer_id.id,
            "product_id": self.product_id.id,
            "price": self.price,
            "min_quantity": self.min_quantity,
            "date_start": self.date_start,
            "date_end": self.date_end,
        }
