import math

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.dealer_api.tools.openapi import PATH_ID_SCHEMA

from .dealer_api_call import MAX_PAGE

PATH_ID_MAX = PATH_ID_SCHEMA["maximum"]
RETURN_MAX_LINES = 500
REASON_MAX_CHARS = 4000
RETURNS_DEFAULT_LIMIT = 50
RETURNS_MAX_LIMIT = 200


class DealerApiCall(models.Model):
    """Return requests of a dealer's system, made and read as the dealer does in the portal."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_return_create(self, request):
        """Ask to return delivered quantities of one of the dealer's orders, through the portal's
        dealer.return._dealer_portal_request as the acting portal user (the buyer role): only the
        delivered lines of the dealer's own orders, at most what was delivered minus what was already
        returned or requested. Another dealer's order answers 404; a refused request saves nothing."""
        payload, dealer = request["payload"], request["dealer"]
        order_id, reason, lines = payload.get("order_id"), payload.get("reason"), payload.get("lines")
        error = None
        if isinstance(order_id, bool) or not isinstance(order_id, int) or not 0 < order_id <= PATH_ID_MAX:
            # A number beyond the database's ids names no order (and would fail the query).
            error = self._error("invalid_payload", _('"order_id" must be the id of an order.'), field="order_id")
        elif not isinstance(reason, str) or len(reason) > REASON_MAX_CHARS:
            message = _('"reason" must be a text of %s characters at most.', REASON_MAX_CHARS)
            error = self._error("invalid_payload", message, field="reason")
        elif not isinstance(lines, list) or not 1 <= len(lines) <= RETURN_MAX_LINES:
            message = _('"lines" must be a list of 1 to %s lines.', RETURN_MAX_LINES)
            error = self._error("invalid_payload", message, field="lines")
        if error:
            return 400, error
        user, error = self._dealer_api_acting_user(request, "buyer")
        if error:
            return error
        order = (
            self.env["sale.order"]
            .sudo()
            .search(
                [("id", "=", order_id), *self._dealer_api_orders_domain(dealer, user)],
                limit=1,
            )
        )
        if not order:
            return 404, self._error("not_found", _("The dealer has no order %s.", order_id))
        quantities, errors = self._dealer_api_return_quantities(order, lines)
        if errors:
            message = _("%s return line(s) refused: nothing was saved.", len(errors))
            return 422, self._error("invalid_lines", message, errors=errors)
        Return = self.env["dealer.return"].with_user(user)
        try:
            with self.env.cr.savepoint():
                return_sudo = Return._dealer_portal_request(order.with_user(user), quantities, reason)
        except (UserError, ValidationError, AccessError) as refusal:
            message = str(refusal)
            return 422, self._error(
                "return_refused", message, errors=[{"message": line} for line in message.splitlines() if line.strip()]
            )
        return 200, {"status": "ok", "return": self._dealer_api_returns_data(return_sudo.sudo())[0]}

    @api.model
    def _dealer_api_return_quantities(self, order, lines):
        """({sale line id: qty} of the body's lines, [line errors]). A line names an order line by its
        id (line_id, as the order's answer gives it) or by its product code (sku) when the order has
        one product line of that code."""
        by_sku = {}
        product_lines = order.order_line.filtered(
            lambda line: line.product_id and not line.display_type and not line.is_reward_line
        )
        for line in product_lines:
            by_sku.setdefault(line.product_id.default_code, []).append(line)
        order_lines = set(order.order_line.ids)
        quantities, errors = {}, []
        for number, raw in enumerate(lines, start=1):
            line = raw if isinstance(raw, dict) else {}
            line_id, sku, qty = line.get("line_id"), line.get("sku"), line.get("qty")
            if isinstance(line_id, int) and not isinstance(line_id, bool):
                sale_line_id = line_id if line_id in order_lines else None
            elif isinstance(sku, str) and sku.strip():
                matching = by_sku.get(sku.strip(), [])
                sale_line_id = matching[0].id if len(matching) == 1 else None
            else:
                sale_line_id = None
            if sale_line_id is None:
                message = _("Name one product line of the order by its line_id (or its sku, if only one line has it).")
            elif isinstance(qty, bool) or not isinstance(qty, int | float) or not math.isfinite(qty) or qty <= 0:
                message = _("Give the quantity to return (qty) as a positive number.")
            elif sale_line_id in quantities:
                message = _("The order line is named twice.")
            else:
                quantities[sale_line_id] = qty
                continue
            errors.append({"line": number, "line_id": line.get("line_id"), "sku": line.get("sku"), "message": message})
        for error in errors:
            for name in ("line_id", "sku"):
                value = error[name]
                if not (isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))):
                    error[name] = None
        return quantities, errors

    @api.model
    def _dealer_api_return_list(self, request):
        """A page of the dealer's return requests, newest first. Queries do not grow with the page."""
        params, dealer = request["params"], request["dealer"]
        page, page_error = self._dealer_api_int_param(params, "page", 1, MAX_PAGE)
        limit, limit_error = self._dealer_api_int_param(params, "limit", RETURNS_DEFAULT_LIMIT, RETURNS_MAX_LIMIT)
        if page_error or limit_error:
            return 400, page_error or limit_error
        _user, error = self._dealer_api_acting_user(request)
        if error:
            return error
        Return = self.env["dealer.return"].sudo()
        domain = [("partner_id", "=", dealer.id)]
        total = Return.search_count(domain)
        returns = Return.search(domain, limit=limit, offset=(page - 1) * limit, order="id desc")
        return 200, self._page_answer(dealer, page, limit, total, returns=self._dealer_api_returns_data(returns))

    @api.model
    def _dealer_api_return_get(self, request):
        """One return request of the dealer; another dealer's (or none) answers 404."""
        _user, error = self._dealer_api_acting_user(request)
        if error:
            return error
        return_id = request["path_params"].get("return_id")
        domain = [
            ("id", "=", return_id if isinstance(return_id, int) else 0),
            ("partner_id", "=", request["dealer"].id),
        ]
        found = self.env["dealer.return"].sudo().search(domain)
        if not found:
            return 404, self._error("not_found", _("The dealer has no return request %s.", return_id))
        return 200, {"status": "ok", "return": self._dealer_api_returns_data(found)[0]}

    @api.model
    def _dealer_api_returns_data(self, returns):
        """The answers of return requests (sudo), prefetched in batches."""
        returns.line_ids.sale_line_id.product_id.mapped("default_code")
        returns.order_id.mapped("name")
        returns.credit_note_id.mapped("name")
        return [
            {
                "id": request.id,
                "reference": request.name,
                "order_id": request.order_id.id,
                "order_reference": request.order_id.name,
                "state": request.state,
                "reason": request.reason or "",
                "reject_reason": request.reject_reason or None,
                "date": fields.Datetime.to_string(request.create_date),
                "credit_note": request.credit_note_id.name or None,
                "lines": [
                    {
                        "line_id": line.sale_line_id.id,
                        "sku": line.product_id.default_code or None,
                        "name": line.product_id.display_name,
                        "qty": line.quantity,
                    }
                    for line in request.line_ids
                ],
            }
            for request in returns
        ]
