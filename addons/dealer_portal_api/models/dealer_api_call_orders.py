import math

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression

from .dealer_api_call import MAX_PAGE
from .sale_order import API_ORDER_STATES

ORDER_MAX_LINES = 500
ORDERS_DEFAULT_LIMIT = 50
ORDERS_MAX_LIMIT = 200
SKU_MAX_CHARS = 64
REFERENCE_MAX_CHARS = 64
NOTE_MAX_CHARS = 4000
# The portal's checkout keeps the key of the form that submitted an order (dealer_submit_key); the API
# keeps its Idempotency-Key there, scoped to the API key.
SUBMIT_KEY_PREFIX = "api"


class DealerApiCall(models.Model):
    """Orders of a dealer's system, placed and read as the dealer does in the portal."""

    _inherit = "dealer.api.call"

    # ------------------------------------------------------------
    # WHOM A CALL ACTS AS
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_main_user(self, dealer):
        """The dealer's administrator: its first active portal user holding every role (a portal user
        without a role record is one), the dealer's own contact first. Two queries."""
        users = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id", "child_of", dealer.id), ("share", "=", True)], order="id")
        )
        roles = self.env["dealer.user.role"].sudo().search([("user_id", "in", users.ids)])
        role_of = {role.user_id: role for role in roles}

        def is_admin(user):
            role = role_of.get(user)
            return not role or role.partner_id != dealer or role.is_admin

        admins = users.filtered(is_admin)
        return (admins.filtered(lambda u: u.partner_id == dealer) or admins)[:1]

    @api.model
    def _dealer_api_acting_user(self, request, role=None):
        """(user, None): the portal user of the dealer the call acts as, checked for role (a
        dealer.user.role name, None: any); or (empty, (status, error answer)).

        A dealer key set to act as one of the dealer's portal users acts as that user; otherwise (and
        for integration keys) as the dealer's administrator. With no portal user at all, reads act
        as the dealer itself (empty user); writes need a user.
        """
        key, dealer = request["key"], request["dealer"]
        user = key.dealer_user_id if key.key_type == "dealer" else key.dealer_user_id.browse()
        if user and (not user.active or user.partner_id.commercial_partner_id != dealer):
            user = user.browse()
            return user, (
                403,
                self._error(
                    "acting_user_inactive", _("The portal user this key acts as is inactive or no longer the dealer's.")
                ),
            )
        user = user or self._dealer_api_main_user(dealer)
        if not user:
            if role in (None, "accountant"):
                return user, None
            message = _("The dealer has no portal user to place this as.")
            return user, (422, self._error("no_portal_user", message))
        if role and role not in self.env["dealer.user.role"]._dealer_roles_of(user):
            message = _("The portal user %(user)s lacks the %(role)s role of its dealer.", user=user.name, role=role)
            return user, (403, self._error("missing_role", message, role=role))
        return user, None

    @api.model
    def _dealer_api_company(self, dealer, user):
        return dealer.company_id or user.company_id or self.env.company

    # ------------------------------------------------------------
    # PLACE AN ORDER
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_order_create(self, request):
        """Place an order as the dealer's portal user does: the portal's row checks
        (_dealer_portal_check_rows: product codes, assortment, quantities), a cart filled by the
        portal's _dealer_portal_add_rows, the checkout's values (_dealer_portal_checkout_vals) and its
        submission (_dealer_portal_checkout_submit: the dealer's approval, then the brand's review of
        prices, stock, credit, deposit, minimum amount and territory), which confirms the order or
        holds it. All or nothing: a refused order leaves no cart behind.
        """
        payload, dealer = request["payload"], request["dealer"]
        form, rows, errors, error = self._dealer_api_order_form(payload)
        if error:
            return 400, error
        user, error = self._dealer_api_acting_user(request, "buyer")
        if error:
            return error
        company = self._dealer_api_company(dealer, user)
        Order = self.env["sale.order"].with_user(user).sudo().with_company(company)
        dealer = dealer.with_env(Order.env)
        submit_key = f"{SUBMIT_KEY_PREFIX}:{request['key'].id}:{request['log'].get('request_id')}"
        done = Order._dealer_portal_submitted_order(dealer, user, submit_key)
        if done:
            return 200, {"status": "ok", "order": self._dealer_api_orders_data(done, user)[0]}
        valid, row_errors = Order._dealer_portal_check_rows(dealer, rows) if rows else ([], [])
        errors += [(ref, message) for ref, message in row_errors]
        if errors:
            return 422, self._dealer_api_invalid_lines(payload["lines"], errors)
        try:
            with self.env.cr.savepoint():
                cart = Order.create(dealer._prepare_dealer_portal_cart_vals(user))
                cart._dealer_portal_add_rows([{"ref": ref, "product_id": p.id, "qty": qty} for p, qty, ref in valid])
                addresses = dealer._dealer_portal_delivery_addresses()
                # Where Odoo delivers the dealer's orders by default, unless the body names an address.
                form.setdefault("partner_shipping_id", (cart.partner_shipping_id & addresses or dealer).id)
                vals = cart._dealer_portal_checkout_vals(form, addresses)
                if not cart._dealer_portal_checkout_submit(vals, submit_key):
                    raise UserError(_("The order could not be submitted: send it again."))
        except (UserError, ValidationError, AccessError) as refusal:
            message = str(refusal)
            return 422, self._error(
                "order_refused", message, errors=[{"message": line} for line in message.splitlines() if line.strip()]
            )
        return 200, {"status": "ok", "order": self._dealer_api_orders_data(cart, user)[0]}

    @api.model
    def _dealer_api_order_form(self, payload):
        """(checkout form, rows, line errors, None) from the body of an order, or (..., error answer)
        when the body is not an order. A line that is not {"sku": text, "qty": number} is a line
        error (422 with the others), not a refusal of the whole body."""
        lines = payload.get("lines")
        if not isinstance(lines, list) or not 1 <= len(lines) <= ORDER_MAX_LINES:
            message = _('"lines" must be a list of 1 to %s order lines.', ORDER_MAX_LINES)
            return None, None, None, self._error("invalid_payload", message, field="lines")
        form = {"dealer_payment_method": payload.get("payment_method") or "credit"}
        for name, field, maximum in (
            ("client_order_ref", "client_order_ref", REFERENCE_MAX_CHARS),
            ("requested_date", "commitment_date", 10),
            ("note", "note", NOTE_MAX_CHARS),
            ("payment_method", "dealer_payment_method", 32),
        ):
            value = payload.get(name)
            if value is None:
                continue
            if not isinstance(value, str) or len(value) > maximum:
                message = _("%(name)s must be a text of %(max)s characters at most.", name=name, max=maximum)
                return None, None, None, self._error("invalid_payload", message, field=name)
            form[field] = value
        address_id = payload.get("delivery_address_id")
        if address_id is not None:
            if isinstance(address_id, bool) or not isinstance(address_id, int):
                message = _('"delivery_address_id" must be the id of one of the dealer\'s delivery addresses.')
                return None, None, None, self._error("invalid_payload", message, field="delivery_address_id")
            form["partner_shipping_id"] = address_id
        rows, errors = [], []
        for number, line in enumerate(lines, start=1):
            sku = line.get("sku") if isinstance(line, dict) else None
            qty = line.get("qty") if isinstance(line, dict) else None
            if not isinstance(sku, str) or not sku.strip() or len(sku) > SKU_MAX_CHARS:
                errors.append(
                    (number, _("Give the product code (sku) as a text of 1 to %s characters.", SKU_MAX_CHARS))
                )
            elif isinstance(qty, bool) or not isinstance(qty, int | float) or not math.isfinite(qty):
                errors.append((number, _("Give the quantity (qty) as a number.")))
            else:
                rows.append({"ref": number, "sku": sku.strip(), "qty": qty})
        return form, rows, errors, None

    @api.model
    def _dealer_api_invalid_lines(self, lines, errors):
        """The 422 answer listing every refused line: {"line": its number from 1, "sku", "message"}."""
        result = []
        for number, message in sorted(errors, key=lambda error: error[0]):
            line = lines[number - 1] if isinstance(number, int) and 0 < number <= len(lines) else None
            sku = line.get("sku") if isinstance(line, dict) else None
            result.append({"line": number, "sku": sku if isinstance(sku, str) else None, "message": message})
        message = _("%s order line(s) refused: nothing was saved.", len(result))
        return self._error("invalid_lines", message, errors=result)

    # ------------------------------------------------------------
    # READ ORDERS
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_orders_domain(self, dealer, user):
        """The dealer's orders as its orders page lists them: submitted or sent, never a cart."""
        SaleOrder = self.env["sale.order"]
        own = SaleOrder._dealer_portal_orders_domain(dealer, user) if user else [("partner_id", "child_of", dealer.id)]
        return [
            *own,
            ("dealer_cart_user_id", "=", False),
            "|",
            "|",
            ("state", "!=", "draft"),
            ("dealer_submitted_date", "!=", False),
            ("dealer_approval_state", "=", "waiting"),
        ]

    @api.model
    def _dealer_api_datetime_param(self, params, name):
        """(datetime or None, None) of an ISO 8601 date or date and time (UTC) parameter, or (None, error)."""
        raw = params.get(name)
        if raw in (None, ""):
            return None, None
        value = str(raw).strip().replace("T", " ").removesuffix("Z")
        try:
            parsed = (
                fields.Datetime.to_datetime(value)
                if len(value) > 10
                else fields.Datetime.to_datetime(fields.Date.to_date(value))
            )
        except ValueError:
            parsed = None
        if not parsed:
            message = _("%s must be a date or a date and time in UTC (YYYY-MM-DDTHH:MM:SSZ).", name)
            return None, self._error("invalid_parameter", message, parameter=name)
        return parsed, None

    @api.model
    def _dealer_api_order_list(self, request):
        """A page of the dealer's orders, newest first, filtered by API state and by the moment of the
        latest change (of the order, its lines, shipments or invoices). Queries do not grow with the
        number of orders on the page."""
        params, dealer = request["params"], request["dealer"]
        page, page_error = self._dealer_api_int_param(params, "page", 1, MAX_PAGE)
        limit, limit_error = self._dealer_api_int_param(params, "limit", ORDERS_DEFAULT_LIMIT, ORDERS_MAX_LIMIT)
        since, since_error = self._dealer_api_datetime_param(params, "updated_since")
        state = params.get("state") or None
        if state is not None and state not in API_ORDER_STATES:
            message = _("state must be one of %s.", ", ".join(API_ORDER_STATES))
            state_error = self._error("invalid_parameter", message, parameter="state")
        else:
            state_error = None
        if page_error or limit_error or since_error or state_error:
            return 400, page_error or limit_error or since_error or state_error
        user, error = self._dealer_api_acting_user(request)
        if error:
            return error
        SaleOrder = self.env["sale.order"].sudo()
        domain = self._dealer_api_orders_domain(dealer, user)
        if since:
            domain = expression.AND(
                [
                    domain,
                    [
                        "|",
                        "|",
                        "|",
                        ("write_date", ">=", since),
                        ("order_line.write_date", ">=", since),
                        ("picking_ids.write_date", ">=", since),
                        ("order_line.invoice_lines.move_id.write_date", ">=", since),
                    ],
                ]
            )
        order = "date_order desc, id desc"
        offset = (page - 1) * limit
        if state:
            # The state comes from transfers and invoices: computed in one batch, then filtered.
            state_domain = {
                "cancelled": [("state", "=", "cancel")],
                "draft": [("state", "in", ("draft", "sent"))],
                "submitted": [("state", "in", ("draft", "sent"))],
                "waiting_approval": [("state", "in", ("draft", "sent"))],
                "held": [("state", "in", ("draft", "sent"))],
            }.get(state, [("state", "=", "sale")])
            candidates = SaleOrder.search(expression.AND([domain, state_domain]), order=order)
            candidates.mapped("dealer_portal_state")
            matching = candidates.filtered(lambda o: o._dealer_api_state() == state)
            total, orders = len(matching), matching[offset : offset + limit]
        else:
            total = SaleOrder.search_count(domain)
            orders = SaleOrder.search(domain, limit=limit, offset=offset, order=order)
        return 200, self._page_answer(dealer, page, limit, total, orders=self._dealer_api_orders_data(orders, user))

    @api.model
    def _dealer_api_order_get(self, request):
        """One order of the dealer; another dealer's (or a cart, or no order) answers 404."""
        user, error = self._dealer_api_acting_user(request)
        if error:
            return error
        order_id = request["path_params"].get("order_id")
        domain = [("id", "=", order_id if isinstance(order_id, int) else 0)]
        order = (
            self.env["sale.order"]
            .sudo()
            .search(expression.AND([domain, self._dealer_api_orders_domain(request["dealer"], user)]))
        )
        if not order:
            return 404, self._error("not_found", _("The dealer has no order %s.", order_id))
        return 200, {"status": "ok", "order": self._dealer_api_orders_data(order, user)[0]}

    @api.model
    def _dealer_api_orders_data(self, orders, user):
        """The ORDER answers of orders (sudo), in their order. Prefetched in batches: the queries do
        not grow with the number of orders. Invoices are listed to users holding the accountant role."""
        orders.mapped("dealer_portal_state")
        orders.order_line.product_id.mapped("default_code")
        pickings = orders.picking_ids
        pickings.mapped("dealer_tracking_ref")
        show_invoices = not user or "accountant" in self.env["dealer.user.role"]._dealer_roles_of(user)
        if show_invoices:
            orders.mapped("invoice_ids").mapped("payment_state")
        return [self._dealer_api_order_data(order, show_invoices) for order in orders]

    @api.model
    def _dealer_api_order_data(self, order, show_invoices=True):
        """One ORDER (a module adding to it overrides this; no query of its own)."""
        to_date = fields.Date.to_string
        shipments = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing" and p.state != "cancel")
        invoices = (
            order.invoice_ids.filtered(lambda m: m.state == "posted").sorted(lambda m: (m.invoice_date or m.date, m.id))
            if show_invoices
            else order.invoice_ids.browse()
        )
        return {
            "id": order.id,
            "reference": order.name,
            "client_order_ref": order.client_order_ref or None,
            "state": order._dealer_api_state(),
            "portal_state": order.dealer_portal_state,
            "hold_reasons": order._dealer_api_hold_reasons(),
            "date_order": fields.Datetime.to_string(order.date_order) if order.date_order else None,
            "requested_date": to_date(order.commitment_date.date()) if order.commitment_date else None,
            "payment_method": order.dealer_payment_method or None,
            "currency": order.currency_id.name,
            "amount_untaxed": order.amount_untaxed,
            "amount_tax": order.amount_tax,
            "amount_total": order.amount_total,
            "lines": [
                {
                    "id": line.id,
                    "sku": line.product_id.default_code or None,
                    "name": line.name or "",
                    "qty": line.product_uom_qty,
                    "qty_delivered": line.qty_delivered,
                    "qty_invoiced": line.qty_invoiced,
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                    "subtotal": line.price_subtotal,
                    "is_reward": bool(line.is_reward_line),
                }
                for line in order.order_line
                if line.product_id and not line.display_type
            ],
            "shipments": [
                {
                    "reference": picking.name,
                    "state": picking.state,
                    "date_done": fields.Datetime.to_string(picking.date_done) if picking.date_done else None,
                    "carrier": picking.dealer_carrier or None,
                    "tracking_numbers": picking._dealer_tracking_numbers(),
                }
                for picking in shipments.sorted("id")
            ],
            "invoices": [
                {
                    "number": invoice.name,
                    "type": "credit_note" if invoice.move_type == "out_refund" else "invoice",
                    "date": to_date(invoice.invoice_date) if invoice.invoice_date else None,
                    "amount_total": invoice.amount_total,
                    "amount_residual": invoice.amount_residual,
                    "payment_state": invoice.payment_state,
                }
                for invoice in invoices
            ],
        }
