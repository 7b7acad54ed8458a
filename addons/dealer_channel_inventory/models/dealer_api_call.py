from odoo import _, api, fields, models

from ..tools.channel_math import parse_period, period_label
from .dealer_stock_report import DealerStockReportError


class DealerApiCall(models.Model):
    """The stock report endpoints of the dealer API (dealer keys only, always for the key's dealer)."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_stock_reports_read(self, request):
        answer = self._get_stock_reports(request["dealer"], request["params"].get("period"))
        return (400 if answer["status"] == "error" else 200), answer

    @api.model
    def _dealer_api_suggestions(self, request):
        return 200, self._get_suggestions(request["dealer"])

    @api.model
    def _dealer_api_stock_reports_write(self, request):
        """A stock report sent by a dealer's system: every line checked, saved all or nothing."""
        payload = request["payload"]
        if not isinstance(payload.get("lines"), list):
            return 400, self._error("invalid_payload", _('The body must be an object with a "lines" list.'))
        return self._post_stock_report(request["dealer"], dict(payload, request_id=request["log"].get("request_id")))

    @api.model
    def _post_stock_report(self, dealer, payload):
        """(status, answer) of saving the report lines of a call, all or nothing."""
        rows = []
        for number, item in enumerate(payload["lines"], start=1):
            values = item if isinstance(item, dict) else {}
            rows.append(
                {
                    "ref": _("line %s", number),
                    "sku": values.get("sku"),
                    "period": values.get("period"),
                    "on_hand": values.get("on_hand"),
                    "sold": values.get("sold"),
                }
            )
        try:
            result = self.env["dealer.stock.report"]._submit_rows(
                dealer, rows, "api", default_period=payload.get("period")
            )
        except DealerStockReportError as error:
            return 422, self._error(
                "invalid_lines",
                _("Nothing was saved: correct these lines and send the report again."),
                errors=[{"line": ref, "message": message} for ref, message in error.errors],
            )
        answer = {
            "status": "ok",
            "request_id": payload.get("request_id"),
            "reports": [
                {
                    "period": period_label(report.period_type, report.period_start),
                    "period_start": fields.Date.to_string(report.period_start),
                    "lines": len(report.line_ids),
                }
                for report in result["reports"]
            ],
            "warnings": [{"line": ref, "message": message} for ref, message in result["warnings"]],
        }
        return 200, answer

    @api.model
    def _get_stock_reports(self, dealer, period=None):
        domain = [("dealer_id", "=", dealer.id)]
        if period:
            parsed = isinstance(period, str) and parse_period(period, dealer.channel_report_period or "week")
            if not parsed:
                return self._error("invalid_period", _("%s is not a period: use 2026-W46, 2026-11 or a date.", period))
            domain += [("period_type", "=", parsed[0]), ("period_start", "=", parsed[1])]
        lines = self.env["dealer.stock.report.line"].search(domain, limit=2000)
        return {
            "status": "ok",
            "lines": [
                {
                    "period_start": fields.Date.to_string(line.period_start),
                    "period_end": fields.Date.to_string(line.period_end),
                    "sku": line.product_id.default_code or line.product_id.barcode or None,
                    "on_hand": line.onhand_qty,
                    "sold": line.sold_qty,
                    "warning": line.warning or None,
                }
                for line in lines
            ],
        }

    @api.model
    def _get_suggestions(self, dealer):
        rows = self.env["dealer.channel.stock"].search(
            [("dealer_id", "=", dealer.id), ("suggested_qty", ">", 0)], order="product_id"
        )
        return {
            "status": "ok",
            "suggestions": [
                {
                    "sku": row.product_id.default_code or row.product_id.barcode or None,
                    "suggested_qty": row.suggested_qty,
                    "channel_stock": row.channel_qty,
                    "estimated": row.is_estimated,
                    "weeks_of_cover": row.cover_weeks if row.weekly_sellout > 0 else None,
                    "reasoning": row.reasoning or None,
                }
                for row in rows
            ],
        }
