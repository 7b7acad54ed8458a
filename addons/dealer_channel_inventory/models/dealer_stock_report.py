from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.dealer_base.tools import format_number, max_line_qty, parse_quantity, spreadsheet

from ..tools.channel_math import last_closed_period, parse_period, period_bounds, period_label

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 20 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 30
# Column headers accepted in an uploaded file (lower case), English and Chinese.
COLUMNS = {
    "sku": ("sku", "product code", "internal reference", "code", "商品编码", "编码"),
    "period": ("period", "week", "month", "期间", "周期"),
    "on_hand": ("on hand", "on_hand", "stock", "库存"),
    "sold": ("sold", "sold out", "sell-out", "sell_out", "销量", "动销"),
}


class DealerStockReportError(UserError):
    """A stock report refused as a whole; ``errors`` lists (row reference, message)."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(f"{ref}: {message}" if ref else message for ref, message in errors))


class DealerStockReport(models.Model):
    """What a dealer reports for one period: stock on hand at the period's end and sell-out to shops."""

    _name = "dealer.stock.report"
    _description = "Dealer Stock Report"
    _order = "period_start desc, dealer_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    dealer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_dealer", "=", True)],
    )
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    period_type = fields.Selection([("week", "Week"), ("month", "Month")], required=True, default="week")
    period_start = fields.Date(required=True, index=True)
    period_end = fields.Date(required=True, index=True)
    source = fields.Selection(
        [("portal", "Portal"), ("upload", "File Upload"), ("api", "API"), ("backoffice", "Back Office")],
        required=True,
        default="backoffice",
    )
    submitted_by_id = fields.Many2one("res.users", readonly=True)
    submitted_on = fields.Datetime(readonly=True)
    line_ids = fields.One2many("dealer.stock.report.line", "report_id", string="Lines")
    line_count = fields.Integer(compute="_compute_counts")
    warning_count = fields.Integer(compute="_compute_counts")

    _sql_constraints = [
        (
            "dealer_period_unique",
            "UNIQUE(dealer_id, period_type, period_start)",
            "The dealer already has a report for this period.",
        ),
    ]

    @api.depends("dealer_id.dealer_code", "period_type", "period_start")
    def _compute_name(self):
        for report in self:
            label = period_label(report.period_type, report.period_start) if report.period_start else ""
            report.name = f"{report.dealer_id.dealer_code or report.dealer_id.name or ''} {label}".strip()

    def _compute_counts(self):
        groups = self.env["dealer.stock.report.line"]._read_group(
            [("report_id", "in", self.ids)], ["report_id"], ["__count", "warning:count"]
        )
        counts = {report.id: (count, warnings) for report, count, warnings in groups}
        for report in self:
            report.line_count, report.warning_count = counts.get(report.id, (0, 0))

    # ------------------------------------------------------------
    # SUBMISSION: PORTAL GRID, FILE UPLOAD, API
    # ------------------------------------------------------------

    @api.model
    def _submit_rows(self, dealer, rows, source, default_period=None):
        """Check every row, then save them all, or raise DealerStockReportError listing every bad row.

        rows: dicts with "ref" (how the user names the row), "sku" (internal
        reference or barcode) or "product_id", "period" (2026-W46, 2026-11, a
        date, or None for ``default_period``), "on_hand" and "sold". Saving a
        period again replaces the products it lists, so a replay changes
        nothing. Returns {"reports": reports, "warnings": [(ref, message)]}.
        Queries grow with the number of periods in the rows, not with the rows.
        """
        dealer = dealer.commercial_partner_id
        if not dealer.is_dealer:
            raise DealerStockReportError([(None, _("Only dealers report their channel stock."))])
        if not rows:
            raise DealerStockReportError([(None, _("The report has no rows."))])
        if len(rows) > MAX_ROWS:
            raise DealerStockReportError([(None, _("A report has at most %s rows.", MAX_ROWS))])
        checked, errors = self._check_rows(dealer, rows, default_period)
        if errors:
            raise DealerStockReportError(errors)
        warnings = []
        by_period = {}
        for row in checked:
            by_period.setdefault(row["period"], []).append(row)
        reports = self.browse()
        Line = self.env["dealer.stock.report.line"]
        with self.env.cr.savepoint():
            existing = self.search(
                [
                    ("dealer_id", "=", dealer.id),
                    ("period_type", "=", dealer.channel_report_period or "week"),
                    ("period_start", "in", [period[1] for period in by_period]),
                ]
            )
            existing_by_start = {report.period_start: report for report in existing}
            now = fields.Datetime.now()
            # Oldest first: a period's opening stock is the closing stock of the one before it.
            for period in sorted(by_period):
                period_type, start, end = period
                period_rows = by_period[period]
                report = existing_by_start.get(start)
                vals = {"source": source, "submitted_by_id": self.env.uid, "submitted_on": now}
                if report:
                    report.write(vals)
                    report.line_ids.filtered(
                        lambda line, ids={r["product"].id for r in period_rows}: line.product_id.id in ids
                    ).unlink()
                else:
                    report = self.create(
                        dict(
                            vals,
                            dealer_id=dealer.id,
                            company_id=self.env.company.id,
                            period_type=period_type,
                            period_start=start,
                            period_end=end,
                        )
                    )
                available = self._get_available_qty(dealer, [r["product"].id for r in period_rows], start, end)
                line_vals = []
                for row in period_rows:
                    product = row["product"]
                    opening_received = available.get(product.id)
                    warning = False
                    if opening_received is not None and row["sold"] > opening_received + 1e-6:
                        warning = _(
                            "Sell-out %(sold)s is %(diff)s above the available stock %(available)s "
                            "(previous report's stock + deliveries in the period).",
                            sold=row["sold"],
                            diff=round(row["sold"] - opening_received, 4),
                            available=round(opening_received, 4),
                        )
                        warnings.append((row["ref"], f"{product.display_name}: {warning}"))
                    line_vals.append(
                        {
                            "report_id": report.id,
                            "product_id": product.id,
                            "onhand_qty": row["on_hand"],
                            "sold_qty": row["sold"],
                            "available_qty": opening_received or 0.0,
                            "has_available": opening_received is not None,
                            "warning": warning,
                        }
                    )
                Line.create(line_vals)
                reports |= report
            self.env.flush_all()
        self.env["dealer.channel.stock"].sudo()._refresh(dealers=dealer)
        return {"reports": reports, "warnings": warnings}

    @api.model
    def _check_rows(self, dealer, rows, default_period):
        """(checked rows, errors): every row is checked, all errors are returned together."""
        today = fields.Date.context_today(self)
        period_type = dealer.channel_report_period or "week"
        default = parse_period(default_period, period_type) if default_period else None
        Product = self.env["product.product"]
        skus = {str(row["sku"]).strip() for row in rows if row.get("sku") not in (None, "", False)}
        by_sku = {}
        if skus:
            for product in Product.search(["|", ("default_code", "in", list(skus)), ("barcode", "in", list(skus))]):
                if product.barcode:
                    by_sku.setdefault(product.barcode, product)
                by_sku[product.default_code] = product
        ids = {int(row["product_id"]) for row in rows if str(row.get("product_id") or "").isdigit()}
        by_id = {product.id: product for product in Product.search([("id", "in", list(ids))])} if ids else {}
        named = Product.union(*by_sku.values(), *by_id.values())
        refused = self._get_unreportable_products(dealer, named) if named else named
        maximum = max_line_qty(self.env)
        checked, errors, seen = [], [], {}
        for row in rows:
            product, row_errors = self._check_row_product(row, by_sku, by_id)
            if product and product in refused:
                row_errors.append(
                    _(
                        "%s is not in your authorised assortment: report only the products you may buy.",
                        product.display_name,
                    )
                )
            raw_period = row.get("period")
            period = parse_period(raw_period, period_type) if raw_period not in (None, "", False) else default
            row_errors += self._check_row_period(raw_period, period, period_type, today)
            on_hand = self._parse_qty(row.get("on_hand"))
            sold = self._parse_qty(row.get("sold"))
            row_errors += self._check_row_quantities(on_hand, sold, maximum)
            ref = row.get("ref")
            if product and period and not row_errors:
                key = (product.id, period)
                if key in seen:
                    row_errors.append(
                        _(
                            "%(product)s is already reported for %(period)s in row %(row)s.",
                            product=product.display_name,
                            period=period_label(*period[:2]),
                            row=seen[key],
                        )
                    )
                else:
                    seen[key] = ref
            if row_errors:
                errors.extend((ref, message) for message in row_errors)
            else:
                checked.append({"ref": ref, "product": product, "period": period, "on_hand": on_hand, "sold": sold})
        return checked, errors

    @api.model
    def _check_row_product(self, row, by_sku, by_id):
        if row.get("sku") not in (None, "", False):
            sku = str(row["sku"]).strip()
            product = by_sku.get(sku)
            return product, [] if product else [_("Unknown product code %s.", sku)]
        product = by_id.get(int(row["product_id"])) if str(row.get("product_id") or "").isdigit() else None
        return product, [] if product else [_("Unknown product.")]

    @api.model
    def _check_row_period(self, raw_period, period, period_type, today):
        if not period:
            if raw_period in (None, "", False):
                return [_("The period is missing.")]
            return [_("%s is not a period: use 2026-W46, 2026-11 or a date.", raw_period)]
        if period[0] != period_type:
            if period_type == "week":
                return [_("You report your stock every week: give a week such as 2026-W46.")]
            return [_("You report your stock every month: give a month such as 2026-11.")]
        if period[1] > today:
            return [_("Period %s is in the future.", period_label(*period[:2]))]
        return []

    @api.model
    def _get_unreportable_products(self, dealer, products):
        """The products among products that dealer may not report: none here.

        A dealer reports the stock and sell-out of the products it may buy; the
        module that knows the dealers' assortment overrides this hook.
        """
        return products.browse()

    @api.model
    def _check_row_quantities(self, on_hand, sold, maximum):
        errors = []
        if on_hand is None:
            errors.append(_("The stock on hand must be a number."))
        elif on_hand < 0:
            errors.append(_("The stock on hand cannot be negative (%s).", format_number(on_hand)))
        elif on_hand > maximum:
            errors.append(
                _(
                    "The stock on hand %(qty)s is above the maximum of %(max)s per line.",
                    qty=format_number(on_hand),
                    max=format_number(maximum),
                )
            )
        if sold is None:
            errors.append(_("The sell-out must be a number."))
        elif sold < 0:
            errors.append(_("The sell-out cannot be negative (%s).", format_number(sold)))
        elif sold > maximum:
            errors.append(
                _(
                    "The sell-out %(qty)s is above the maximum of %(max)s per line.",
                    qty=format_number(sold),
                    max=format_number(maximum),
                )
            )
        return errors

    @api.model
    def _parse_qty(self, value):
        return parse_quantity(value)

    @api.model
    def _get_available_qty(self, dealer, product_ids, start, end):
        """{product id: stock the dealer could sell in the period}: the previous report's stock on hand
        plus the deliveries to the dealer (less its returns) during the period. Products never reported
        before the period are left out: their opening stock is unknown."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH previous AS (
                    SELECT DISTINCT ON (line.product_id) line.product_id, line.onhand_qty, line.period_end
                      FROM dealer_stock_report_line line
                     WHERE line.dealer_id = %(dealer)s
                       AND line.product_id = ANY(%(products)s)
                       AND line.period_end < %(start)s
                  ORDER BY line.product_id, line.period_end DESC
                )
                SELECT previous.product_id, previous.onhand_qty + COALESCE(moves.qty, 0)
                  FROM previous
             LEFT JOIN (%(moves)s) moves ON moves.product_id = previous.product_id
                """,
                dealer=dealer.id,
                products=list(product_ids),
                start=start,
                moves=self.env["dealer.channel.stock"]._shipments_sql(
                    dealer_ids=[dealer.id], date_from=start, date_to=end, product_ids=list(product_ids)
                ),
            )
        )
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------
    # FILE UPLOAD
    # ------------------------------------------------------------

    @api.model
    def _parse_report_file(self, content, filename=None):
        """Rows of an uploaded .xlsx, .xls or .csv file, checked by content; raises DealerStockReportError."""
        try:
            _kind, _info, table = spreadsheet.read_table(
                self.env,
                filename,
                content,
                max_bytes=MAX_FILE_BYTES,
                max_rows=MAX_ROWS * 2,
                max_columns=MAX_COLUMNS,
                max_uncompressed=MAX_XLSX_UNCOMPRESSED,
            )
        except spreadsheet.SpreadsheetError as error:
            raise DealerStockReportError([(None, error.args[0])]) from error
        if not table:
            raise DealerStockReportError([(None, _("The file has no rows."))])
        positions = self._column_positions(table[0][1])
        rows = []
        for number, cells in table[1:]:
            if not any(cell not in (None, "") for cell in cells):
                continue

            def cell(key, cells=cells):
                index = positions.get(key)
                return cells[index] if index is not None and index < len(cells) else None

            period = cell("period")
            if hasattr(period, "date"):
                period = period.date()
            rows.append(
                {
                    "ref": _("Row %s", number),
                    "sku": cell("sku"),
                    "period": period,
                    "on_hand": cell("on_hand"),
                    "sold": cell("sold"),
                }
            )
        if len(rows) > MAX_ROWS:
            raise DealerStockReportError([(None, _("A report has at most %s rows.", MAX_ROWS))])
        return rows

    @api.model
    def _column_positions(self, header_row):
        """{column key: index} from the header row; raises when a required column is missing."""
        header = [str(cell or "").strip().lower() for cell in header_row]
        positions = {}
        for key, names in COLUMNS.items():
            for index, name in enumerate(header):
                if name in names:
                    positions[key] = index
                    break
        missing = [key for key in ("sku", "on_hand", "sold") if key not in positions]
        if missing:
            raise DealerStockReportError(
                [
                    (
                        None,
                        _(
                            "The first row must name the columns: sku, period, on hand, sold (missing: %s).",
                            ", ".join(missing),
                        ),
                    )
                ]
            )
        return positions

    # ------------------------------------------------------------
    # PORTAL GRID
    # ------------------------------------------------------------

    @api.model
    def _get_portal_grid(self, dealer, period=None):
        """The portal grid of a period: the products the dealer bought or reported, with this period's
        figures if it was already reported. Returns (period, rows)."""
        dealer = dealer.commercial_partner_id
        period_type = dealer.channel_report_period or "week"
        today = fields.Date.context_today(self)
        parsed = parse_period(period, period_type) if period else None
        if not parsed or parsed[0] != period_type or parsed[1] > today:
            parsed = (period_type, *last_closed_period(period_type, today))
        products = dealer._channel_reported_products()
        products -= self._get_unreportable_products(dealer, products)
        lines = self.env["dealer.stock.report.line"].search(
            [("dealer_id", "=", dealer.id), ("period_type", "=", period_type), ("period_start", "=", parsed[1])]
        )
        by_product = {line.product_id: line for line in lines}
        products |= lines.product_id
        rows = [
            {"product": product, "line": by_product.get(product)}
            for product in products.sorted(lambda p: (p.default_code or "", p.name or ""))
        ]
        return parsed, rows

    @api.model
    def _portal_period_options(self, dealer, count=8):
        """(label, start) of the last closed periods, most recent first."""
        period_type = dealer.commercial_partner_id.channel_report_period or "week"
        start, _end = last_closed_period(period_type, fields.Date.context_today(self))
        options = []
        for _index in range(count):
            options.append((period_label(period_type, start), start))
            start = period_bounds(period_type, start - timedelta(days=1))[0]
        return options
