import secrets
from datetime import date

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.dealer_base.tools import format_number, max_line_qty
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .replica import dealer_portal_readonly

CATALOG_PAGE_SIZE = 24
ORDERS_PAGE_SIZE = 20
DEPOSIT_MOVES_SHOWN = 50
SUBMIT_KEY_SIZE = 64


def pdf_printer_available():
    """Whether this server prints QWeb PDFs (a working wkhtmltopdf)."""
    return request.env["ir.actions.report"].get_wkhtmltopdf_state() in ("ok", "upgrade", "workers")


class DealerPortal(CustomerPortal):
    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    @staticmethod
    def _dealer_portal_dealer():
        """The dealer of the logged-in user, or an empty recordset.

        The dealer always comes from the session's user, never from the URL:
        a dealer id in a request is never trusted.
        """
        return request.env.user.partner_id.dealer_id

    def _prepare_portal_layout_values(self):
        # Every portal page of a dealer's user goes through here: its amounts that round to zero
        # show as 0.00, never -0.00 (ir.qweb.field.monetary reads the key).
        if self._dealer_portal_dealer():
            request.update_context(dealer_portal_zero_amounts=True)
        return super()._prepare_portal_layout_values()

    def _show_report(self, model, report_type, report_ref, download=False):
        """Odoo's documents (orders, invoices) as PDF; a dealer's user gets the web page of the
        document where the server cannot print PDFs (no working wkhtmltopdf), not an error page."""
        if report_type == "pdf" and self._dealer_portal_dealer() and not pdf_printer_available():
            report_type, download = "html", False
        return super()._show_report(model, report_type, report_ref, download=download)

    def _dealer_portal_ordering_dealer(self):
        """The dealer the logged-in user is ordering for: its own dealer by default.

        Catalog, cart and checkout use this one; a dealer allowed to order for
        its sub-dealers may switch to one of them.
        """
        return self._dealer_portal_dealer()

    def _dealer_portal_cart_sudo(self, create=True):
        """The logged-in user's cart for the dealer it orders for (sudo: portal users cannot write orders;
        the dealer and the user come from the session). Filling a cart needs the buyer role: Forbidden otherwise."""
        dealer = self._dealer_portal_ordering_dealer()
        if create:
            self._dealer_portal_check_role("cart")
        return dealer.sudo()._dealer_portal_cart(user=request.env.user, create=create)

    @staticmethod
    def _dealer_portal_check_role(action):
        """Forbidden unless the user holds the role of its dealer that action needs (sale.order's rule)."""
        try:
            request.env["sale.order"]._dealer_portal_check_role(action)
        except AccessError:
            raise Forbidden() from None

    def _dealer_portal_order_sudo(self, order_id, action="view"):
        """An order of the dealer being ordered for that the user may see, or NotFound (never another
        dealer's, nor a sub-dealer's own); Forbidden when the user lacks the role action needs."""
        dealer = self._dealer_portal_ordering_dealer()
        order_sudo = request.env["sale.order"].sudo().browse(int(order_id)).exists()
        if not dealer or not order_sudo or order_sudo.partner_id.commercial_partner_id != dealer:
            raise NotFound()
        try:
            order_sudo._dealer_portal_check_action("view", request.env.user)
        except AccessError:
            raise NotFound() from None
        self._dealer_portal_check_role(action)
        return order_sudo

    # ------------------------------------------------------------
    # MESSAGES BETWEEN A POST AND THE PAGE IT REDIRECTS TO
    # ------------------------------------------------------------

    @staticmethod
    def _dealer_flash(level, message, lines=None):
        flashes = request.session.get("dealer_portal_flash") or []
        flashes.append({"level": level, "message": message, "lines": list(lines or [])})
        request.session["dealer_portal_flash"] = flashes

    @staticmethod
    def _dealer_pop_flash():
        return request.session.pop("dealer_portal_flash", None) or []

    def _dealer_layout_values(self, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(page_name=page_name, flashes=self._dealer_pop_flash(), format_number=format_number, **values)
        return result

    # ------------------------------------------------------------
    # HOME
    # ------------------------------------------------------------

    def _prepare_dealer_home_values(self, dealer):
        """Values of the dealer home page. A module adding a panel inside ``#dealer_home_panels`` of
        ``portal_my_dealer_home`` (such as a bridge to rebates) overrides this method for its values."""
        values = self._dealer_layout_values("dealer_home")
        env = request.env
        values.update(
            {
                "dealer": dealer,
                "order_states": dealer.sudo()._dealer_portal_open_orders_by_state(),
                "credit": dealer._dealer_credit_info(env.company),
                "deposit_balance": dealer.sudo().with_company(env.company).dealer_deposit_balance,
                "notices": env["dealer.notice"]._dealer_portal_notices(dealer),
                "cart_count": len(self._dealer_portal_cart_sudo(create=False).order_line.filtered("product_id")),
            }
        )
        return values

    @http.route("/my/dealer", type="http", auth="user", website=True, readonly=dealer_portal_readonly)
    def portal_my_dealer_home(self, **kw):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        return request.render("dealer_portal.portal_my_dealer_home", self._prepare_dealer_home_values(dealer))

    # ------------------------------------------------------------
    # CREDIT AND DEPOSIT
    # ------------------------------------------------------------

    @http.route("/my/dealer/credit", type="http", auth="user", website=True)
    def portal_my_dealer_credit(self, **kw):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        company = request.env.company
        moves = None
        if not request.env.user.dealer_invoices_hidden:
            # Portal record rules keep the movements to the user's own dealer and to its accountants.
            moves = request.env["dealer.deposit.move"].search(
                [("partner_id", "=", dealer.id), ("company_id", "=", company.id)], limit=DEPOSIT_MOVES_SHOWN
            )
        values = self._dealer_layout_values(
            "dealer_credit",
            dealer=dealer,
            credit=dealer._dealer_credit_info(company),
            deposit_balance=dealer.sudo().with_company(company).dealer_deposit_balance,
            deposit_moves=moves,
        )
        return request.render("dealer_portal.portal_my_dealer_credit", values)

    # ------------------------------------------------------------
    # CATALOG
    # ------------------------------------------------------------

    def _dealer_catalog_domain(self, dealer, search, category):
        domain = dealer._dealer_portal_catalog_domain()
        if search:
            products_sudo = request.env["product.product"].sudo()
            domain = expression.AND([domain, products_sudo._dealer_portal_search_domain(search)])
        if category:
            domain = expression.AND([domain, [("categ_id", "child_of", category.id)]])
        return domain

    def _prepare_dealer_catalog_values(self, dealer, page=1, search="", category_id=None):
        Product = request.env["product.product"].sudo()
        category = request.env["product.category"].sudo().browse()
        if str(category_id or "").isdigit():
            category = category.browse(int(category_id)).exists()
        domain = self._dealer_catalog_domain(dealer, search, category)
        total = Product.search_count(domain)
        pager = portal_pager(
            url="/my/dealer/catalog",
            url_args={"search": search, "category": category.id or ""},
            total=total,
            page=page,
            step=CATALOG_PAGE_SIZE,
        )
        products = Product.search(domain, limit=CATALOG_PAGE_SIZE, offset=pager["offset"], order="default_code, id")
        # The domain is an exact translation of the assortment rules; the check keeps them in step.
        products -= dealer._dealer_get_unauthorised(products)
        pricelist = dealer._dealer_portal_catalog_pricelist(request.env.company)
        used = [categ.id for (categ,) in Product._read_group(domain, ["categ_id"])] if total else []
        categories = request.env["product.category"].sudo().search([("id", "parent_of", used)]) if used else category
        return self._dealer_layout_values(
            "dealer_catalog",
            dealer=dealer,
            products=products,
            prices=products._dealer_portal_prices(pricelist),
            availability=products._dealer_availability(dealer),
            currency=pricelist.currency_id or request.env.company.currency_id,
            pager=pager,
            search=search,
            category=category,
            categories=categories,
        )

    @http.route(
        ["/my/dealer/catalog", "/my/dealer/catalog/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=dealer_portal_readonly,
    )
    def portal_my_dealer_catalog(self, page=1, search="", category=None, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        values = self._prepare_dealer_catalog_values(
            dealer, page=page, search=(search or "").strip(), category_id=category
        )
        return request.render("dealer_portal.portal_my_dealer_catalog", values)

    @http.route("/my/dealer/catalog/add", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_catalog_add(self, redirect=None, **post):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        rows = [
            {"ref": key.removeprefix("qty_"), "product_id": key.removeprefix("qty_"), "qty": value}
            for key, value in post.items()
            if key.startswith("qty_") and str(value).strip() not in ("", "0")
        ]
        back = redirect if redirect and redirect.startswith("/my/dealer/catalog") else "/my/dealer/catalog"
        if not rows:
            self._dealer_flash("warning", _("Enter a quantity for the products you want."))
            return request.redirect(back)
        cart_sudo = self._dealer_portal_cart_sudo()
        valid, errors = cart_sudo._dealer_portal_check_rows(dealer, rows)
        if errors:
            self._dealer_flash("danger", _("Nothing was added:"), [message for _ref, message in errors])
            return request.redirect(back)
        try:
            cart_sudo._dealer_portal_add_rows(rows)
        except UserError as error:
            self._dealer_flash("danger", _("Nothing was added:"), str(error).split("\n"))
            return request.redirect(back)
        self._dealer_flash("success", _("%s products added to your cart.", len(valid)))
        return request.redirect(back)

    # ------------------------------------------------------------
    # CART
    # ------------------------------------------------------------

    def _prepare_dealer_cart_values(self, dealer, cart_sudo):
        oversized = cart_sudo._dealer_portal_oversized_lines()
        if cart_sudo.order_line:
            cart_sudo._dealer_portal_apply_promotions()
        lines = cart_sudo.order_line.filtered(lambda line: not line.display_type)
        product_lines = lines.filtered(lambda line: not line.is_reward_line)
        return self._dealer_layout_values(
            "dealer_cart",
            dealer=dealer,
            cart=cart_sudo,
            product_lines=product_lines,
            reward_lines=lines - product_lines,
            availability=product_lines.product_id._dealer_availability(dealer),
            outdated=cart_sudo._dealer_get_outdated_lines() if product_lines else product_lines,
            claimable=cart_sudo._dealer_portal_claimable_rewards() if product_lines and not oversized else {},
            min_amount=cart_sudo._dealer_min_order_amount(),
            credit=dealer._dealer_credit_info(request.env.company),
            outlook=cart_sudo._dealer_portal_submit_outlook(request.env.user)
            if product_lines and not oversized
            else {},
            oversized=oversized,
            oversized_message=oversized
            and _(
                "At most %(max)s per line: lower the quantity of %(products)s or remove the line. "
                "Promotions and checkout wait until then.",
                max=format_number(max_line_qty(request.env)),
                products=", ".join(oversized.product_id.mapped("display_name")),
            ),
        )

    @http.route("/my/dealer/cart", type="http", auth="user", website=True)
    def portal_my_dealer_cart(self, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        cart_sudo = self._dealer_portal_cart_sudo()
        return request.render(
            "dealer_portal.portal_my_dealer_cart", self._prepare_dealer_cart_values(dealer, cart_sudo)
        )

    def _dealer_cart_line_sudo(self, cart_sudo, line_id):
        line = cart_sudo.order_line.filtered(lambda cart_line: str(cart_line.id) == str(line_id))
        if not line:
            raise NotFound()
        return line

    @http.route("/my/dealer/cart/update", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_cart_update(self, line_id=None, qty=None, **kw):
        if not self._dealer_portal_ordering_dealer():
            return request.redirect("/my")
        cart_sudo = self._dealer_portal_cart_sudo()
        line_sudo = self._dealer_cart_line_sudo(cart_sudo, line_id)
        if line_sudo.is_reward_line:
            raise NotFound()
        try:
            cart_sudo._dealer_portal_set_line_qty(line_sudo, qty)
        except (UserError, ValidationError) as error:
            self._dealer_flash("danger", str(error))
        return request.redirect("/my/dealer/cart")

    @http.route("/my/dealer/cart/remove", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_cart_remove(self, line_id=None, **kw):
        if not self._dealer_portal_ordering_dealer():
            return request.redirect("/my")
        cart_sudo = self._dealer_portal_cart_sudo()
        line_sudo = self._dealer_cart_line_sudo(cart_sudo, line_id)
        cart_sudo._dealer_portal_remove_line(line_sudo)
        return request.redirect("/my/dealer/cart")

    @http.route("/my/dealer/cart/refresh", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_cart_refresh(self, **kw):
        if not self._dealer_portal_ordering_dealer():
            return request.redirect("/my")
        cart_sudo = self._dealer_portal_cart_sudo()
        if cart_sudo.order_line:
            cart_sudo.action_dealer_refresh_prices()
            self._dealer_flash("success", _("Prices updated to today's prices."))
        return request.redirect("/my/dealer/cart")

    @http.route("/my/dealer/cart/coupon", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_cart_coupon(self, code="", **kw):
        if not self._dealer_portal_ordering_dealer():
            return request.redirect("/my")
        cart_sudo = self._dealer_portal_cart_sudo()
        code = (code or "").strip()
        if not code:
            self._dealer_flash("warning", _("Enter a promotion or coupon code."))
            return request.redirect("/my/dealer/cart")
        error = cart_sudo._dealer_portal_apply_code(code)
        if error:
            self._dealer_flash("danger", error)
        else:
            self._dealer_flash("success", _("Code %s applied.", code))
        return request.redirect("/my/dealer/cart")

    @http.route("/my/dealer/cart/reward", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_cart_reward(self, reward_id=None, **kw):
        if not self._dealer_portal_ordering_dealer():
            return request.redirect("/my")
        cart_sudo = self._dealer_portal_cart_sudo()
        error = cart_sudo._dealer_portal_claim_reward(reward_id)
        if error:
            self._dealer_flash("danger", error)
        return request.redirect("/my/dealer/cart")

    # ------------------------------------------------------------
    # CHECKOUT
    # ------------------------------------------------------------

    def _prepare_dealer_checkout_values(self, dealer, cart_sudo, errors=None, form=None):
        dealer_sudo = dealer.sudo().with_company(request.env.company)
        payment_methods = request.env["sale.order"]._fields["dealer_payment_method"]._description_selection(request.env)
        return self._dealer_layout_values(
            "dealer_checkout",
            dealer=dealer,
            cart=cart_sudo,
            addresses=dealer_sudo._dealer_portal_delivery_addresses(),
            payment_methods=payment_methods,
            deposit_balance=dealer_sudo.dealer_deposit_balance,
            credit=dealer._dealer_credit_info(request.env.company),
            outlook=cart_sudo._dealer_portal_submit_outlook(request.env.user),
            errors=errors or [],
            form=form or {},
            today=date.today().isoformat(),
            # One key per rendered form: sending it twice submits the cart once.
            submit_key=secrets.token_urlsafe(16),
        )

    @http.route("/my/dealer/checkout", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_checkout(self, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        cart_sudo = self._dealer_portal_cart_sudo()
        if not cart_sudo.order_line.filtered("product_id"):
            return request.redirect("/my/dealer/cart")
        cart_sudo._dealer_portal_apply_promotions()
        return request.render(
            "dealer_portal.portal_my_dealer_checkout", self._prepare_dealer_checkout_values(dealer, cart_sudo)
        )

    @http.route("/my/dealer/checkout/submit", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_checkout_submit(self, submit_key="", **post):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        submit_key = (submit_key or "")[:SUBMIT_KEY_SIZE]
        # The same form sent again (a double click, a retried request) shows the order it placed.
        done_sudo = (
            request.env["sale.order"].sudo()._dealer_portal_submitted_order(dealer, request.env.user, submit_key)
        )
        if done_sudo:
            return request.redirect(f"/my/dealer/orders/{done_sudo.id}?submitted=1")
        cart_sudo = self._dealer_portal_cart_sudo(create=False)
        if not cart_sudo or not cart_sudo.order_line.filtered("product_id"):
            return request.redirect("/my/dealer/cart")
        addresses = dealer.sudo()._dealer_portal_delivery_addresses()
        try:
            vals = cart_sudo._dealer_portal_checkout_vals(post, addresses)
        except UserError as error:
            values = self._prepare_dealer_checkout_values(dealer, cart_sudo, errors=str(error).split("\n"), form=post)
            return request.render("dealer_portal.portal_my_dealer_checkout", values)
        try:
            with request.env.cr.savepoint():
                # False when a concurrent submission of this cart came first: its order is shown.
                cart_sudo._dealer_portal_checkout_submit(vals, submit_key)
        except (UserError, ValidationError, AccessError) as error:
            values = self._prepare_dealer_checkout_values(dealer, cart_sudo, errors=[str(error)], form=post)
            return request.render("dealer_portal.portal_my_dealer_checkout", values)
        return request.redirect(f"/my/dealer/orders/{cart_sudo.id}?submitted=1")

    # ------------------------------------------------------------
    # ORDERS: TRACKING, CANCEL, CHANGE, REORDER
    # ------------------------------------------------------------

    @http.route(
        ["/my/dealer/orders", "/my/dealer/orders/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=dealer_portal_readonly,
    )
    def portal_my_dealer_orders(self, page=1, state=None, **kw):
        dealer = self._dealer_portal_ordering_dealer()
        if not dealer:
            return request.redirect("/my")
        SaleOrder = request.env["sale.order"].sudo()
        domain = [
            *SaleOrder._dealer_portal_orders_domain(dealer, request.env.user),
            ("dealer_cart_user_id", "=", False),
            "|",
            "|",
            ("state", "!=", "draft"),
            ("dealer_submitted_date", "!=", False),
            ("dealer_approval_state", "=", "waiting"),
        ]
        states = dict(SaleOrder._fields["dealer_portal_state"]._description_selection(request.env))
        if state == "cancel":
            domain = expression.AND([domain, [("state", "=", "cancel")]])
        elif state == "paid":
            # The status comes from transfers and invoices: computed in one batch, then filtered.
            candidates = SaleOrder.search(expression.AND([domain, [("state", "=", "sale")]]))
            domain = [("id", "in", candidates.filtered(lambda o: o.dealer_portal_state == state).ids)]
        elif state in states:
            candidates = dealer.sudo()._dealer_portal_open_orders().filtered_domain(domain)
            domain = [("id", "in", candidates.filtered(lambda o: o.dealer_portal_state == state).ids)]
        else:
            state = None
        total = SaleOrder.search_count(domain)
        pager = portal_pager(
            url="/my/dealer/orders", url_args={"state": state or ""}, total=total, page=page, step=ORDERS_PAGE_SIZE
        )
        orders = SaleOrder.search(
            domain, limit=ORDERS_PAGE_SIZE, offset=pager["offset"], order="date_order desc, id desc"
        )
        values = self._dealer_layout_values(
            "dealer_orders", dealer=dealer, orders=orders, pager=pager, state=state, states=states
        )
        return request.render("dealer_portal.portal_my_dealer_orders", values)

    @http.route(
        "/my/dealer/orders/<int:order_id>", type="http", auth="user", website=True, readonly=dealer_portal_readonly
    )
    def portal_my_dealer_order(self, order_id, submitted=None, **kw):
        order_sudo = self._dealer_portal_order_sudo(order_id)
        if order_sudo.dealer_cart_user_id:
            return request.redirect("/my/dealer/cart")
        states = request.env["sale.order"]._fields["dealer_portal_state"]._description_selection(request.env)
        pickings = order_sudo.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing" and p.state != "cancel")
        values = self._dealer_layout_values(
            "dealer_order",
            dealer=order_sudo.partner_id.commercial_partner_id,
            order=order_sudo,
            submitted=bool(submitted),
            states=states,
            pickings=pickings,
            change_requests=order_sudo.dealer_change_request_ids,
            allowed_actions=order_sudo._dealer_portal_allowed_actions(request.env.user),
            timeline=order_sudo._dealer_portal_timeline(),
        )
        return request.render("dealer_portal.portal_my_dealer_order", values)

    def _dealer_order_action(self, order_id, action_name, action):
        order_sudo = self._dealer_portal_order_sudo(order_id, action_name)
        try:
            with request.env.cr.savepoint():
                return action(order_sudo)
        except (UserError, ValidationError) as error:
            self._dealer_flash("danger", str(error))
        return request.redirect(f"/my/dealer/orders/{order_sudo.id}")

    @http.route("/my/dealer/orders/<int:order_id>/cancel", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_order_cancel(self, order_id, **kw):
        def cancel(order_sudo):
            order_sudo._dealer_portal_cancel()
            self._dealer_flash("success", _("Order %s cancelled.", order_sudo.name))
            return request.redirect(f"/my/dealer/orders/{order_sudo.id}")

        return self._dealer_order_action(order_id, "cancel", cancel)

    @http.route("/my/dealer/orders/<int:order_id>/change", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_order_change(self, order_id, **kw):
        def reopen(order_sudo):
            order_sudo._dealer_portal_reopen(request.env.user)
            self._dealer_flash(
                "info", _("Order %s is back in your cart: change it and submit it again.", order_sudo.name)
            )
            return request.redirect("/my/dealer/cart")

        return self._dealer_order_action(order_id, "change", reopen)

    @http.route(
        "/my/dealer/orders/<int:order_id>/change-request", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_dealer_order_change_request(self, order_id, description="", **kw):
        def change_request(order_sudo):
            order_sudo._dealer_portal_request_change(description)
            self._dealer_flash("success", _("Your change request was sent to %s.", order_sudo.company_id.name))
            return request.redirect(f"/my/dealer/orders/{order_sudo.id}")

        return self._dealer_order_action(order_id, "change_request", change_request)

    @http.route("/my/dealer/orders/<int:order_id>/received", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_order_received(self, order_id, **kw):
        def received(order_sudo):
            order_sudo._dealer_portal_confirm_receipt()
            self._dealer_flash("success", _("Thank you: receipt of order %s confirmed.", order_sudo.name))
            return request.redirect(f"/my/dealer/orders/{order_sudo.id}")

        return self._dealer_order_action(order_id, "received", received)

    @http.route("/my/dealer/orders/<int:order_id>/reorder", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_order_reorder(self, order_id, **kw):
        def reorder(order_sudo):
            cart_sudo = self._dealer_portal_cart_sudo()
            valid, errors = order_sudo._dealer_portal_reorder(cart_sudo)
            if valid:
                self._dealer_flash(
                    "success",
                    _("%(count)s lines of %(order)s added at today's prices.", count=len(valid), order=order_sudo.name),
                )
            if errors:
                self._dealer_flash("warning", _("Not added:"), [message for _ref, message in errors])
            return request.redirect("/my/dealer/cart")

        return self._dealer_order_action(order_id, "reorder", reorder)
