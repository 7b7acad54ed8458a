import secrets

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from ..models import order_input
from .portal import DealerPortal

CART_URL = "/my/dealer/cart"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PREVIEW_OK_ROWS_SHOWN = 1000
GRID_ROWS = 5
QUICK_ORDER_KEY_SIZE = 64


class DealerPortalOrderInput(DealerPortal):
    # ------------------------------------------------------------
    # HELPERS
    # ------------------------------------------------------------

    def _dealer_portal_after_add_url(self):
        """Where the dealer goes once lines are added: the cart."""
        return CART_URL

    def _dealer_portal_preview_sudo(self, preview_id, dealer):
        """The user's own preview for dealer, else 404: another user's or dealer's id reveals nothing."""
        preview_sudo = request.env["dealer.order.import"].sudo().browse(preview_id).exists()
        if not preview_sudo or preview_sudo.user_id != request.env.user or preview_sudo.dealer_id != dealer:
            raise NotFound()
        return preview_sudo

    def _prepare_quick_order_values(self, dealer, lines="", grid=None, errors=None):
        values = self._prepare_portal_layout_values()
        grid = list(grid or [])
        grid += [("", "")] * max(GRID_ROWS - len(grid), 1 if not grid else 0)
        values.update(
            {
                "page_name": "dealer_quick_order",
                "dealer": dealer,
                "lines": lines,
                "grid": grid,
                "errors": errors or [],
                # One key per rendered form: sending it twice adds its lines once.
                "quick_order_key": secrets.token_urlsafe(16),
            }
        )
        return values

    def _prepare_import_values(self, dealer, error=None, preview=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "dealer_import",
                "dealer": dealer,
                "error": error,
                "preview": preview,
                "limits": _(
                    "At most %(rows)s rows and %(size)s MB per file.",
                    rows=format(order_input.MAX_ROWS, ","),
                    size=order_input.MAX_UPLOAD_SIZE // (1024 * 1024),
                ),
            }
        )
        if preview:
            rows = preview.rows or []
            bad = [row for row in rows if row.get("error")]
            good = [row for row in rows if not row.get("error")]
            hidden = max(len(good) - PREVIEW_OK_ROWS_SHOWN, 0)
            values.update(
                {
                    "bad_rows": bad,
                    "good_rows": good[:PREVIEW_OK_ROWS_SHOWN],
                    "row_count_text": _("%s rows", preview.row_count),
                    "hidden_text": hidden and _("… and %s more correct rows.", hidden),
                    "errors_text": _(
                        "%s rows have errors: nothing will be added. Correct them in your file and upload it again.",
                        preview.error_count,
                    ),
                    "apply_text": _("Add %s Rows to the Cart", len(good)),
                }
            )
        return values

    # ------------------------------------------------------------
    # QUICK ORDER
    # ------------------------------------------------------------

    @http.route("/my/dealer/quick-order", type="http", auth="user", methods=["GET"], website=True)
    def portal_dealer_quick_order(self, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        return request.render("dealer_portal.portal_dealer_quick_order", self._prepare_quick_order_values(dealer))

    @http.route("/my/dealer/quick-order/add", type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_quick_order_add(self, lines="", quick_order_key="", **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        form = request.httprequest.form
        grid = list(zip(form.getlist("grid_sku"), form.getlist("grid_qty"), strict=False))
        cart_sudo = self._dealer_portal_cart_sudo()
        try:
            errors = cart_sudo._dealer_portal_add_quick_order(
                lines, grid, key=(quick_order_key or "")[:QUICK_ORDER_KEY_SIZE]
            )
        except UserError as e:
            errors = [("", e.args[0])]
        if errors:
            values = self._prepare_quick_order_values(dealer, lines=lines, grid=grid, errors=errors)
            return request.render("dealer_portal.portal_dealer_quick_order", values)
        return request.redirect(self._dealer_portal_after_add_url())

    # ------------------------------------------------------------
    # IMPORT
    # ------------------------------------------------------------

    @http.route("/my/dealer/import", type="http", auth="user", methods=["GET"], website=True)
    def portal_dealer_import(self, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        return request.render("dealer_portal.portal_dealer_import", self._prepare_import_values(dealer))

    @http.route("/my/dealer/import/template.xlsx", type="http", auth="user", methods=["GET"])
    def portal_dealer_import_template(self, **kw):
        if not self._dealer_portal_ordering_dealer():
            raise NotFound()
        data = request.env["dealer.order.import"]._dealer_portal_template()
        filename = _("order_template.xlsx")
        return request.make_response(
            data,
            headers=[("Content-Type", XLSX_MIMETYPE), ("Content-Disposition", content_disposition(filename))],
        )

    @http.route("/my/dealer/import/upload", type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_import_upload(self, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        upload = request.httprequest.files.get("order_file")
        error = None
        if not upload or not upload.filename:
            error = _("Choose a file to upload.")
        else:
            # Never more than the cap (plus one byte to tell it was exceeded) is read into memory.
            data = upload.stream.read(order_input.MAX_UPLOAD_SIZE + 1)
            try:
                preview_sudo = (
                    request.env["dealer.order.import"]
                    .sudo()
                    ._dealer_portal_create_preview(dealer, upload.filename, data)
                )
            except UserError as e:
                error = e.args[0]
        if error:
            return request.render(
                "dealer_portal.portal_dealer_import", self._prepare_import_values(dealer, error=error)
            )
        return request.redirect(f"/my/dealer/import/{preview_sudo.id}")

    @http.route("/my/dealer/import/<int:preview_id>", type="http", auth="user", methods=["GET"], website=True)
    def portal_dealer_import_preview(self, preview_id, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        preview_sudo = self._dealer_portal_preview_sudo(preview_id, dealer)
        return request.render(
            "dealer_portal.portal_dealer_import", self._prepare_import_values(dealer, preview=preview_sudo)
        )

    @http.route("/my/dealer/import/<int:preview_id>/apply", type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_import_apply(self, preview_id, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        preview_sudo = self._dealer_portal_preview_sudo(preview_id, dealer)
        # Before the cart is looked up (or created): the same preview applied again answers as the first time.
        if not preview_sudo._dealer_portal_lock_pending():
            if preview_sudo.state == "applying" and preview_sudo.job_id:
                return request.redirect(f"/my/dealer/job/{preview_sudo.job_id.id}")
            self._dealer_flash("info", _("This file has already been added to the cart."))
            return request.redirect(self._dealer_portal_after_add_url())
        cart_sudo = self._dealer_portal_cart_sudo()
        try:
            # A large file is added by a background job, past the request's time limits.
            if preview_sudo._dealer_portal_apply_in_background():
                job_sudo = preview_sudo._dealer_portal_apply_queue(cart_sudo)
                return request.redirect(f"/my/dealer/job/{job_sudo.id}")
            preview_sudo._dealer_portal_apply(cart_sudo)
        except UserError as e:
            values = self._prepare_import_values(dealer, error=e.args[0], preview=preview_sudo)
            return request.render("dealer_portal.portal_dealer_import", values)
        return request.redirect(self._dealer_portal_after_add_url())
