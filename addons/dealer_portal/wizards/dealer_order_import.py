import io

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_base.tools import lock_for_update

from ..models import order_input


class DealerOrderImport(models.TransientModel):
    """An uploaded order file, read and checked, waiting for the dealer to apply it.

    The rows live here, server side: applying never trusts what the browser
    sends back, and only the user who uploaded the file may apply it, to the
    cart of the dealer it was checked for.
    """

    _name = "dealer.order.import"
    _description = "Dealer Order Import Preview"
    _order = "id desc"

    user_id = fields.Many2one(
        "res.users", string="Uploaded by", required=True, readonly=True, index=True, default=lambda self: self.env.user
    )
    dealer_id = fields.Many2one("res.partner", required=True, readonly=True, ondelete="cascade")
    filename = fields.Char(readonly=True)
    rows = fields.Json(
        string="Checked Rows",
        readonly=True,
        help="One entry per spreadsheet row: row number, product code, quantity, product, error message.",
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    error_count = fields.Integer(string="Rows with Errors", readonly=True)
    state = fields.Selection(
        [("preview", "Preview"), ("applied", "Added to Cart")], default="preview", required=True, readonly=True
    )

    # ------------------------------------------------------------
    # PREVIEW
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_row_label(self, number):
        return _("Row %s", number)

    @api.model
    def _dealer_portal_create_preview(self, dealer, filename, data):
        """Read and check an uploaded order for dealer; one preview record, whatever the file holds.

        File-level problems (kind, size, password, zip bomb, row cap) raise a
        UserError and nothing is stored.
        """
        kind = order_input.check_upload(self.env, filename, data)
        numbers = {}

        def label(number):
            ref = self._dealer_portal_row_label(number)
            numbers[ref] = number
            return ref

        rows, read_errors = order_input.sheet_rows(self.env, kind, data, label)
        valid, check_errors = self.env["sale.order"]._dealer_portal_check_rows(dealer, rows)
        by_ref = {}
        for row in rows:
            by_ref[row["ref"]] = {"row": numbers[row["ref"]], "sku": row["sku"], "qty": row["qty"]}
        for ref, error in read_errors:
            by_ref[ref] = {"row": numbers[ref], "sku": "", "qty": None, "error": error}
        for ref, error in check_errors:
            by_ref[ref]["error"] = error
        for product, qty, ref in valid:
            by_ref[ref].update({"product_id": product.id, "product": product.display_name, "qty": qty})
        entries = sorted(by_ref.values(), key=lambda entry: entry["row"])
        return self.create(
            {
                "dealer_id": dealer.id,
                "filename": filename,
                "rows": entries,
                "row_count": len(entries),
                "error_count": sum(1 for entry in entries if entry.get("error")),
            }
        )

    # ------------------------------------------------------------
    # APPLY
    # ------------------------------------------------------------

    def _dealer_portal_lock_pending(self):
        """Lock this preview for applying it; False when it was applied already, or meanwhile.

        Two applies of one preview (a double click, a retried request) run one
        after the other on the preview's row lock: the second finds it applied.
        """
        self.ensure_one()
        return lock_for_update(self) and self.state == "preview"

    def _dealer_portal_apply(self, cart):
        """Add every row to cart, all or nothing; the rows are checked again (prices or rights may have changed).

        A preview is applied once: applying it again adds nothing and returns False.
        """
        self.ensure_one()
        if not self._dealer_portal_lock_pending():
            return False
        if self.error_count:
            raise UserError(_("Fix the rows with errors and upload the file again: nothing was added."))
        if cart.partner_id.commercial_partner_id != self.dealer_id:
            raise UserError(_("This file was checked for another dealer."))
        rows = [
            {"ref": self._dealer_portal_row_label(entry["row"]), "product_id": entry["product_id"], "qty": entry["qty"]}
            for entry in self.rows or []
        ]
        valid = cart._dealer_portal_add_rows(rows)
        self.state = "applied"
        return valid

    # ------------------------------------------------------------
    # TEMPLATE
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_template(self):
        """The .xlsx order template: a sheet to fill (SKU, Quantity) and a sheet of instructions."""
        import openpyxl  # noqa: PLC0415 - only needed when the template is downloaded
        from openpyxl.styles import Font  # noqa: PLC0415

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = _("Order")
        sheet.append(["SKU", "Quantity"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 24
        sheet.column_dimensions["B"].width = 12
        # Product codes stay text: Excel would turn "1-5" into a date and drop leading zeros.
        sheet.column_dimensions["A"].number_format = "@"
        notes = book.create_sheet(_("Instructions"))
        max_rows = format(order_input.MAX_ROWS, ",")
        notes.column_dimensions["A"].width = 100
        for line in (
            _("How to fill in this order"),
            _("One row per product on the first sheet: the product code (SKU or barcode) and the quantity."),
            _("Keep the header row SKU / Quantity. Empty rows are ignored."),
            _("Quantities are numbers: respect each product's minimum quantity and pack size."),
            _("Do not merge cells; formulas are read as the values Excel saved, never recomputed."),
            _("At most %s rows per file; .xlsx, .xls or .csv (UTF-8 or GB18030).", max_rows),
            _("Upload the file in the portal: you see every row checked before anything is added to the cart."),
            _("Example: A1001 | 12"),
        ):
            notes.append([line])
        notes["A1"].font = Font(bold=True)
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()
