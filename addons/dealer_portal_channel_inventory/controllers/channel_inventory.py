import csv
import io

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request

from odoo.addons.dealer_channel_inventory.models.dealer_stock_report import MAX_FILE_BYTES, DealerStockReportError
from odoo.addons.dealer_channel_inventory.tools.channel_math import period_label
from odoo.addons.dealer_portal.controllers.portal import DealerPortal
from odoo.addons.dealer_portal.controllers.replica import dealer_portal_readonly

# Suggested-order lines the dealer home shows before "Show all".
HOME_SUGGESTIONS = 10


class DealerChannelInventory(DealerPortal):
    """The dealer's stock and sell-out report (grid and file upload) and its suggested orders."""

    # ------------------------------------------------------------
    # VALUES
    # ------------------------------------------------------------

    def _prepare_dealer_home_values(self, dealer):
        values = super()._prepare_dealer_home_values(dealer)
        values.update(self._prepare_channel_panel_values(dealer))
        return values

    def _channel_suggestions(self, dealer):
        """The dealer's suggested orders, less the products it may no longer buy.

        Searched as the portal user (record rules keep them its own), then read in sudo:
        portal users do not read products and the lines show product names.
        """
        rows = request.env["dealer.channel.stock"].search(
            [("dealer_id", "=", dealer.id), ("suggested_qty", ">", 0)], order="suggested_qty desc, id"
        )
        suggestions_sudo = rows.sudo()
        if not suggestions_sudo:
            return suggestions_sudo
        refused = dealer.sudo()._dealer_get_unauthorised(suggestions_sudo.product_id)
        return suggestions_sudo.filtered(lambda row: row.product_id not in refused)

    def _prepare_channel_panel_values(self, dealer):
        """The home's suggested-orders panel: the largest HOME_SUGGESTIONS lines, or all of them
        with ``?suggestions=all`` (the button adds all of them to the cart either way)."""
        Report = request.env["dealer.stock.report"]
        options = Report._portal_period_options(dealer, count=1)
        due_label, due_start = options[0]
        added = request.params.get("suggestions_added")
        reported = bool(Report.search_count([("dealer_id", "=", dealer.id), ("period_start", "=", due_start)], limit=1))
        suggestions = self._channel_suggestions(dealer)
        shown = suggestions if request.params.get("suggestions") == "all" else suggestions[:HOME_SUGGESTIONS]
        return {
            # Its own prefetch set: the lines not shown are never computed nor read.
            "channel_suggestions": shown.with_prefetch(),
            "channel_suggestions_count": len(suggestions),
            "channel_due_period": due_label,
            "channel_due_reported": reported,
            "channel_suggestions_added": int(added) if str(added or "").isdigit() else 0,
            "channel_suggestions_error": False,
        }

    def _prepare_channel_inventory_values(self, dealer, period=None, errors=None, entered=None, saved=None):
        # The dealer is the session's: its grid (products, its report lines) is read in sudo for it only.
        Report = request.env["dealer.stock.report"].sudo()
        (period_type, start, end), grid = Report._get_portal_grid(dealer.sudo(), period)
        errors = errors or []
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "dealer_inventory",
                "dealer": dealer,
                "period_type": period_type,
                "period_start": start,
                "period_end": end,
                "period_label": period_label(period_type, start),
                "period_options": Report._portal_period_options(dealer),
                "grid": grid,
                "errors": errors,
                "row_errors": {str(ref): message for ref, message in errors if ref},
                "entered": entered or {},
                "saved": saved,
            }
        )
        return values

    # ------------------------------------------------------------
    # ROUTES
    # ------------------------------------------------------------

    @http.route(
        "/my/dealer/inventory",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=dealer_portal_readonly,
    )
    def portal_dealer_inventory(self, period=None, saved=None, **kw):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        return request.render(
            "dealer_portal_channel_inventory.portal_dealer_inventory",
            self._prepare_channel_inventory_values(dealer, period=period, saved=saved),
        )

    @http.route("/my/dealer/inventory", type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_inventory_submit(self, period=None, **post):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        rows, entered = [], {}
        for name, value in post.items():
            kind, _sep, product_id = name.partition("_")
            if kind not in ("onhand", "sold") or not product_id.isdigit():
                continue
            entered.setdefault(product_id, {})[kind] = value.strip()
        for product_id, cells in entered.items():
            if not cells.get("onhand") and not cells.get("sold"):
                continue
            rows.append(
                {
                    "ref": product_id,
                    "product_id": product_id,
                    "period": period,
                    "on_hand": cells.get("onhand"),
                    "sold": cells.get("sold") or "0",
                }
            )
        # The dealer is the session's; reports are written in sudo only for it, after every row was checked.
        dealer_sudo = dealer.sudo()
        try:
            if not rows:
                raise DealerStockReportError([(None, _("Enter the stock on hand of at least one product."))])
            request.env["dealer.stock.report"].sudo()._submit_rows(dealer_sudo, rows, "portal")
        except DealerStockReportError as error:
            values = self._prepare_channel_inventory_values(dealer, period, errors=error.errors, entered=entered)
            return request.render("dealer_portal_channel_inventory.portal_dealer_inventory", values, status=400)
        return request.redirect(f"/my/dealer/inventory?period={period or ''}&saved=1")

    @http.route("/my/dealer/inventory/upload", type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_inventory_upload(self, period=None, upload=None, **kw):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        Report_sudo = request.env["dealer.stock.report"].sudo()
        try:
            content = upload.read(MAX_FILE_BYTES + 1) if upload and hasattr(upload, "read") else b""
            rows = Report_sudo._parse_report_file(content, getattr(upload, "filename", None))
            result = Report_sudo._submit_rows(dealer.sudo(), rows, "upload", default_period=period)
        except DealerStockReportError as error:
            values = self._prepare_channel_inventory_values(dealer, period, errors=error.errors)
            values["upload_failed"] = True
            return request.render("dealer_portal_channel_inventory.portal_dealer_inventory", values, status=400)
        last = max(result["reports"], key=lambda report: report.period_start)
        return request.redirect(f"/my/dealer/inventory?period={last.period_start}&saved=1")

    @http.route("/my/dealer/inventory/template.csv", type="http", auth="user", methods=["GET"])
    def portal_dealer_inventory_template(self, period=None, **kw):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        (period_type, start, _end), grid = (
            request.env["dealer.stock.report"].sudo()._get_portal_grid(dealer.sudo(), period)
        )
        label = period_label(period_type, start)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["sku", "period", "on hand", "sold"])
        for row in grid:
            product = row["product"]
            writer.writerow([product.default_code or product.barcode or "", label, "", ""])
        return request.make_response(
            buffer.getvalue().encode("utf-8-sig"),
            headers=[
                ("Content-Type", "text/csv; charset=utf-8"),
                ("Content-Disposition", content_disposition(f"stock-report-{label}.csv")),
            ],
        )

    @http.route("/my/dealer/suggestions/cart", type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_suggestions_to_cart(self, **kw):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        # Filling a cart is ordering: the buyer role, as for every other way into the cart.
        self._dealer_portal_check_role("cart")
        suggestions = self._channel_suggestions(dealer)
        if not suggestions:
            return request.redirect("/my/dealer")
        rows = [
            {"ref": row.product_id.display_name, "product_id": row.product_id.id, "qty": row.suggested_qty}
            for row in suggestions
        ]
        # The suggestions were read as the user; the cart of this user and dealer is then written in sudo.
        cart_sudo = dealer.sudo()._dealer_portal_cart(request.env.user)
        try:
            cart_sudo._dealer_portal_add_rows(rows)
        except UserError as error:
            values = self._prepare_dealer_home_values(dealer)
            values["channel_suggestions_error"] = error.args[0]
            return request.render("dealer_portal.portal_my_dealer_home", values, status=400)
        return request.redirect(f"/my/dealer?suggestions_added={len(rows)}")
