import io

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.dealer_base.tools import lock_for_update

from ..models import order_input

CART_URL = "/my/dealer/cart"
JOB_MIN_ROWS = 500
JOB_BATCH_ROWS = 2000


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
        [("preview", "Preview"), ("applying", "Adding to Cart"), ("applied", "Added to Cart")],
        default="preview",
        required=True,
        readonly=True,
    )
    cart_id = fields.Many2one("sale.order", readonly=True, ondelete="cascade")
    applied_count = fields.Integer(string="Rows Added", readonly=True)
    job_id = fields.Many2one("dealer.job", readonly=True, ondelete="set null")

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
        valid = cart._dealer_portal_add_rows(self._dealer_portal_rows())
        self.state = "applied"
        return valid

    # ------------------------------------------------------------
    # APPLY IN THE BACKGROUND
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_job_min_rows(self):
        """Previews of more rows than this are added to the cart by a background job."""
        param = self.env["ir.config_parameter"].sudo().get_param("dealer_portal.import_job_min_rows", JOB_MIN_ROWS)
        return int(param)

    @api.model
    def _dealer_portal_job_batch_rows(self):
        param = self.env["ir.config_parameter"].sudo().get_param("dealer_portal.import_job_batch_rows", JOB_BATCH_ROWS)
        return max(int(param), 1)

    def _dealer_portal_apply_in_background(self):
        self.ensure_one()
        return self.row_count > self._dealer_portal_job_min_rows()

    def _dealer_portal_apply_queue(self, cart):
        """Check the rows as _dealer_portal_apply does, then leave the adding to a job; returns the job.

        Call it on a preview locked by _dealer_portal_lock_pending. The cart
        cannot be submitted until the job is done, and a job that fails takes
        back what its batches added (_dealer_job_failed): the cart never keeps
        half a file.
        """
        self.ensure_one()
        if self.error_count:
            raise UserError(_("Fix the rows with errors and upload the file again: nothing was added."))
        if cart.partner_id.commercial_partner_id != self.dealer_id:
            raise UserError(_("This file was checked for another dealer."))
        if cart.state != "draft":
            raise UserError(_("Order %s can no longer be changed.", cart.name))
        _valid, errors = self.env["sale.order"]._dealer_portal_check_rows(self.dealer_id, self._dealer_portal_rows())
        if errors:
            raise UserError("\n".join(_("%(ref)s: %(error)s", ref=ref, error=error) for ref, error in errors))
        job = self.env["dealer.job"]._dealer_job_create(
            _("Adding %(rows)s rows of %(file)s to the cart", rows=self.row_count, file=self.filename or ""),
            self,
            dealer=self.dealer_id,
            payload={"added": {}},
            total=self.row_count,
        )
        self.write({"state": "applying", "cart_id": cart.id, "applied_count": 0, "job_id": job.id})
        return job

    def _dealer_portal_rows(self, start=0, stop=None):
        return [
            {"ref": self._dealer_portal_row_label(entry["row"]), "product_id": entry["product_id"], "qty": entry["qty"]}
            for entry in (self.rows or [])[start:stop]
        ]

    def _dealer_job_step(self, job):
        """Add the next batch of rows to the cart; the rows added so far are committed with it."""
        self.ensure_one()
        if self.state != "applying":
            return True
        cart = self.cart_id
        start = self.applied_count
        stop = start + self._dealer_portal_job_batch_rows()
        added = dict((job.payload or {}).get("added", {}))
        for product, qty, _ref in cart._dealer_portal_add_rows(self._dealer_portal_rows(start, stop)):
            added[str(product.id)] = added.get(str(product.id), 0.0) + qty
        applied = min(stop, self.row_count)
        finished = applied >= self.row_count
        self.write({"applied_count": applied, "state": "applied" if finished else "applying"})
        job.write(
            {
                "payload": {"added": added},
                "progress_done": applied,
                "progress_total": self.row_count,
                "result_url": CART_URL if finished else False,
            }
        )
        return finished

    def _dealer_job_failed(self, job):
        """Take back what the committed batches added: the cart is as it was before the file."""
        self.ensure_one()
        cart = self.cart_id
        added = (job.payload or {}).get("added", {})
        if cart and cart.state == "draft" and added:
            lines = cart.order_line.filtered(lambda line: not line.display_type and not line.is_reward_line)
            commands = []
            for line in lines:
                qty = added.pop(str(line.product_id.id), 0.0)
                if not qty:
                    continue
                if line.product_uom_qty - qty <= 0:
                    commands.append(Command.delete(line.id))
                else:
                    commands.append(Command.update(line.id, {"product_uom_qty": line.product_uom_qty - qty}))
            if commands:
                cart.write({"order_line": commands})
        self.write({"state": "preview", "applied_count": 0})
        job.payload = {"added": {}}

    @api.autovacuum
    def _transient_vacuum(self):
        """A preview whose rows a job is still adding is in use however old: the vacuum keeps it,
        so that the job finds its rows and, when it fails, takes back what it added."""
        self.env.cr.execute(
            SQL(
                """UPDATE dealer_order_import preview SET write_date = (now() AT TIME ZONE 'UTC')
                     FROM dealer_job job
                    WHERE job.id = preview.job_id AND preview.state = 'applying'
                      AND job.state IN ('queued', 'running')"""
            )
        )
        self.invalidate_model(["write_date"])
        return super()._transient_vacuum()

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
