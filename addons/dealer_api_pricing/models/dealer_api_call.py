import re

from odoo import _, api, models
from odoo.exceptions import ValidationError

MAX_PRICE_ROWS = 5000
PRICE_ROW_FIELDS = ("dealer", "sku", "price", "min_qty", "date_start", "date_end")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Stands for a value of the wrong JSON type: the shared row check refuses it with its own message.
_NOT_A_VALUE = "?"


class DealerApiCall(models.Model):
    """The brand's systems upsert dealer prices (integration keys with the scope prices:write)."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_prices_upsert(self, request):
        """Upsert the prices of the body, all or nothing, through the spreadsheet import's validation
        and write path (dealer.price._dealer_check_rows, _dealer_apply_rows).

        Queries do not grow with the rows: three to check them all, then a batch of inserts and
        updates (and one price list sync per dealer named).
        """
        payload = request["payload"]
        items = payload.get("prices")
        if set(payload) != {"prices"} or not isinstance(items, list) or not 1 <= len(items) <= MAX_PRICE_ROWS:
            message = _('The body must be {"prices": [...]} with 1 to %s prices.', MAX_PRICE_ROWS)
            return 400, self._error("invalid_payload", message)
        rows, errors = [], []
        for number, item in enumerate(items, start=1):
            row, row_errors = self._dealer_api_price_row(number, item)
            if row_errors:
                errors.append(self._dealer_api_price_error(number, item, row_errors))
            else:
                rows.append(row)
        Price = self.env["dealer.price"].with_context(dealer_api_pricing_key_id=request["key"].id)
        checked = Price._dealer_check_rows(rows)
        errors += [
            self._dealer_api_price_error(vals["row"], items[vals["row"] - 1], [vals["error"]])
            for vals in checked
            if vals["error"]
        ]
        if errors:
            return 422, self._dealer_api_invalid_rows(sorted(errors, key=lambda error: error["row"]))
        try:
            result = Price._dealer_apply_rows(checked)
        except ValidationError as error:
            return 422, self._dealer_api_invalid_rows([], error.args[0])
        return 200, {
            "status": "ok",
            "created": len(result["create"]),
            "updated": len(result["update"]),
            "unchanged": result["unchanged"],
        }

    @api.model
    def _dealer_api_price_row(self, number, item):
        """(row for dealer.price._dealer_check_rows, []) of one item of the body, or (None, errors) when
        it is not an object of the documented fields. A value of the wrong type is left to the shared
        check, which refuses it as the import does."""
        if not isinstance(item, dict):
            return None, [_("a price must be a JSON object")]
        errors = []
        for name in item:
            if name == "level":
                errors.append(_("level: the prices of a dealer level are its price list's rules; name a dealer"))
            elif name not in PRICE_ROW_FIELDS:
                errors.append(_("unknown field %s", name))
        for name in ("dealer", "sku"):
            if not isinstance(item.get(name, ""), str):
                errors.append(_("%s must be a string", name))
        if errors:
            return None, errors
        price = item.get("price")
        min_qty = item.get("min_qty")
        return {
            "row": number,
            "dealer_code": item.get("dealer", "").strip(),
            "sku": item.get("sku", "").strip(),
            "price": price if _is_number(price) else None,
            "min_quantity": min_qty if min_qty is None or _is_number(min_qty) else _NOT_A_VALUE,
            "date_start": _date_value(item.get("date_start")),
            "date_end": _date_value(item.get("date_end")),
        }, []

    @api.model
    def _dealer_api_price_error(self, number, item, messages):
        values = item if isinstance(item, dict) else {}
        return {
            "row": number,
            "dealer": values.get("dealer") if isinstance(values.get("dealer"), str) else None,
            "sku": values.get("sku") if isinstance(values.get("sku"), str) else None,
            "message": "; ".join(messages),
        }

    @api.model
    def _dealer_api_invalid_rows(self, errors, message=None):
        return self._error(
            "invalid_rows",
            message or _("Nothing was saved: correct these rows and send the prices again."),
            errors=errors,
        )


def _is_number(value):
    return isinstance(value, int | float) and not isinstance(value, bool)


def _date_value(value):
    """A date of the body for the shared check: None (open), the date text, or a value it refuses."""
    if value is None:
        return None
    return value if isinstance(value, str) and _DATE.match(value) else _NOT_A_VALUE
