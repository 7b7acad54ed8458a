"""Import and export of dealer prices as .xlsx or .xls, with a preview before anything changes."""

import base64
import io
from datetime import date

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.dealer_base.tools import (
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
    def _cell_text(self, value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip() if value not in (None, "") else ""

    def _parse_rows(self, rows):
        """Import line values of the rows (rows[0] is the header), each checked with its errors and
        its action by the validation path the API's bulk upsert shares (dealer.price._dealer_check_rows)."""
        checked = []
        for number, raw in enumerate(rows[1:], start=2):
            if not any(c not in (None, "") for c in raw):
                continue
            row = (tuple(raw) + (None,) * 6)[:6]
            checked.append(
                {
                    "row": number,
                    "dealer_code": self._cell_text(row[0]),
                    "sku": self._cell_text(row[1]),
                    "price": row[2],
                    "min_quantity": row[3],
                    "date_start": row[4],
                    "date_end": row[5],
                }
            )
        return self.env["dealer.price"]._dealer_check_rows(checked)

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
        vals_list = self._parse_rows(rows) if rows else []
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
        rows = [
            dict(line._prepare_dealer_price_vals(), row=line.row, action=line.action, price_id=line.price_id.id)
            for line in self.line_ids
        ]
        try:
            self.env["dealer.price"]._dealer_apply_rows(rows)
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
