from urllib.parse import urlencode

from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.dealer_base.tools import format_number
from odoo.addons.sale.controllers.portal import CustomerPortal as SalePortal

from ..models.dealer_application import LICENCE_MAX_BYTES
from .portal import DealerPortal, pdf_printer_available
from .replica import dealer_portal_readonly

# Session key of the sub-dealer the user orders for; checked again on every request.
ORDERING_FOR_KEY = "dealer_portal_ordering_for"
APPROVALS_DECIDED_SHOWN = 20


def _read_upload(upload, max_bytes):
    """Bytes of an uploaded file, reading at most max_bytes + 1 (None when larger)."""
    if not upload or not getattr(upload, "filename", None):
        return None, ""
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        return False, upload.filename
    return data, upload.filename


class DealerSelfService(DealerPortal):
    # ------------------------------------------------------------
    # ACCESS
    # ------------------------------------------------------------

    def _dealer_self_dealer(self, role=None):
        """The user's dealer, checked for role; raises Forbidden otherwise."""
        dealer = self._dealer_portal_dealer()
        if not dealer:
            raise Forbidden()
        if role and role not in request.env.user._dealer_portal_roles():
            raise Forbidden()
        return dealer

    def _dealer_portal_ordering_dealer(self):
        """A sub-dealer chosen in the session when the brand lets the user's dealer order for it.

        The choice is checked again on every request (parent, brand's flag,
        sub-dealer active, buyer role); a choice no longer allowed is dropped.
        The sub-dealer is returned with sudo: the user cannot read it otherwise.
        """
        own = super()._dealer_portal_ordering_dealer()
        sub_id = request.session.get(ORDERING_FOR_KEY)
        if not own or not sub_id:
            return own
        try:
            if "buyer" not in request.env.user._dealer_portal_roles():
                raise AccessError(_("Placing orders needs the buyer role of your dealer."))
            return own._dealer_portal_check_sub_dealer(request.env["res.partner"].browse(int(sub_id)), order=True)
        except (AccessError, MissingError, ValueError):
            request.session.pop(ORDERING_FOR_KEY, None)
            return own

    def _prepare_dealer_home_values(self, dealer):
        values = super()._prepare_dealer_home_values(dealer)
        roles = request.env.user._dealer_portal_roles()
        ordering_for = self._dealer_portal_ordering_dealer()
        values.update(
            {
                "dealer_roles": roles,
                "dealer_sub_dealers": dealer._dealer_portal_sub_dealers(),
                "dealer_ordering_for": ordering_for if ordering_for != dealer else False,
                "dealer_waiting_approval": request.env["sale.order"]
                .sudo()
                .search_count([("partner_id", "child_of", dealer.id), ("dealer_approval_state", "=", "waiting")])
                if "approver" in roles
                else 0,
            }
        )
        return values

    def _dealer_self_values(self, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(page_name=page_name, dealer=self._dealer_portal_dealer(), format_number=format_number, **values)
        return result

    # ------------------------------------------------------------
    # ONBOARDING
    # ------------------------------------------------------------

    def _dealer_apply_values(self, **values):
        regions = request.env["dealer.region"].sudo().search([("region_type", "in", ("region", "province"))])
        return dict(values, regions=regions, licence_max_mb=LICENCE_MAX_BYTES // (1024 * 1024))

    @http.route("/dealer/apply", type="http", auth="public", methods=["GET"], website=True, sitemap=True)
    def dealer_apply_form(self, **kw):
        return request.render("dealer_portal.dealer_apply", self._dealer_apply_values(form={}, error=None))

    @http.route("/dealer/apply", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def dealer_apply_submit(self, **post):
        form = {
            key: post.get(key, "")
            for key in ("company_name", "registry", "contact_name", "phone", "email", "region_id")
        }
        Partner = request.env["res.partner"]
        try:
            # Counted before anything else and kept even when the application is refused.
            Partner._dealer_apply_register_attempt(request.httprequest.remote_addr or "unknown")
        except UserError as error:
            return request.render(
                "dealer_portal.dealer_apply", self._dealer_apply_values(form=form, error=str(error)), status=429
            )
        licence, filename = _read_upload(request.httprequest.files.get("licence"), LICENCE_MAX_BYTES)
        try:
            with request.env.cr.savepoint():
                if licence is False:
                    raise UserError(_("The business licence file is larger than 10 MB."))
                Partner._dealer_apply(form, licence, filename)
        except (UserError, ValidationError) as error:
            return request.render("dealer_portal.dealer_apply", self._dealer_apply_values(form=form, error=str(error)))
        return request.render("dealer_portal.dealer_apply_done", {"company_name": form["company_name"]})

    # ------------------------------------------------------------
    # STATEMENTS
    # ------------------------------------------------------------

    def _dealer_statement(self, date_from, date_to):
        """(data, error) of the user's dealer statement; the period is checked by the model.

        A period whose file is made by a background job is shown without its documents (its
        balances only, summed by the database): the documents come with the downloaded file.
        """
        dealer = self._dealer_self_dealer("accountant")
        Statement = request.env["dealer.statement"]
        try:
            start, end = Statement._dealer_parse_period(date_from, date_to)
        except UserError as error:
            return None, str(error)
        lines = not Statement._dealer_statement_in_background(start, end)
        return Statement._dealer_statement_data(dealer, start, end, lines=lines), None

    @http.route(
        "/my/dealer/statement",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=dealer_portal_readonly,
    )
    def portal_my_dealer_statement(self, date_from=None, date_to=None, message=None, **kw):
        data, error = self._dealer_statement(date_from, date_to)
        if error:
            data, _error = self._dealer_statement(None, None)
        values = self._dealer_self_values(
            "dealer_statement", statement=data, error=error, message=message, date_from=date_from, date_to=date_to
        )
        return request.render("dealer_portal.portal_my_dealer_statement", values)

    @http.route(
        ["/my/dealer/statement/pdf", "/my/dealer/statement/xlsx"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def portal_my_dealer_statement_download(self, date_from=None, date_to=None, **kw):
        kind = "pdf" if request.httprequest.path.endswith("/pdf") else "xlsx"
        Statement = request.env["dealer.statement"]
        dealer = self._dealer_self_dealer("accountant")
        try:
            start, end = Statement._dealer_parse_period(date_from, date_to)
        except UserError as error:
            return request.redirect("/my/dealer/statement?" + _url_encode({"message": str(error)}))
        # A long period's file is made by a background job, past the request's time limits.
        if Statement._dealer_statement_in_background(start, end):
            job_sudo = Statement._dealer_statement_queue(dealer, start, end, kind)
            return request.redirect(f"/my/dealer/job/{job_sudo.id}")
        data = Statement._dealer_statement_data(dealer, start, end)
        content, mimetype, filename = Statement._dealer_statement_file(data, kind)
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", str(len(content))),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route("/my/dealer/statement/answer", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_statement_answer(self, date_from=None, date_to=None, answer=None, comment=None, **kw):
        self._dealer_self_dealer("accountant")
        params = {"date_from": date_from or "", "date_to": date_to or ""}
        try:
            with request.env.cr.savepoint():
                request.env["dealer.statement"]._dealer_portal_answer(date_from, date_to, answer, comment)
            params["message"] = _("Thank you: your answer was sent to the brand.")
        except UserError as error:
            params["message"] = str(error)
        return request.redirect("/my/dealer/statement?" + _url_encode(params))

    # ------------------------------------------------------------
    # INVOICE PAYMENTS
    # ------------------------------------------------------------

    def _dealer_invoice_action(self, invoice_id, method, *args):
        self._dealer_self_dealer("accountant")
        invoice = request.env["account.move"].browse(invoice_id)
        try:
            with request.env.cr.savepoint():
                getattr(invoice, method)(*args)
            message = _("Done.")
        except (AccessError, MissingError):
            raise NotFound() from None
        except UserError as error:
            message = str(error)
        return request.redirect(f"/my/invoices/{invoice_id}?" + _url_encode({"dealer_message": message}))

    @http.route(
        "/my/dealer/invoices/<int:invoice_id>/deposit", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_dealer_invoice_pay_deposit(self, invoice_id, **kw):
        return self._dealer_invoice_action(invoice_id, "_dealer_portal_pay_from_deposit")

    @http.route(
        "/my/dealer/invoices/<int:invoice_id>/transfer", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_dealer_invoice_transfer(self, invoice_id, reference=None, **kw):
        return self._dealer_invoice_action(invoice_id, "_dealer_portal_declare_transfer", reference)

    # ------------------------------------------------------------
    # RETURNS
    # ------------------------------------------------------------

    def _dealer_own_order(self, order_id):
        dealer = self._dealer_self_dealer()
        order_sudo = request.env["sale.order"].sudo().browse(order_id).exists()
        if not order_sudo or order_sudo.partner_id.commercial_partner_id != dealer:
            raise NotFound()
        return order_sudo

    @http.route("/my/dealer/returns", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_returns(self, message=None, **kw):
        dealer = self._dealer_self_dealer("buyer")
        returns = request.env["dealer.return"].search([("partner_id", "=", dealer.id)])
        orders = (
            request.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", dealer.id),
                    ("state", "=", "sale"),
                    ("order_line.qty_delivered", ">", 0),
                ],
                order="date_order desc",
                limit=50,
            )
        )
        values = self._dealer_self_values("dealer_returns", returns=returns, orders=orders, message=message)
        return request.render("dealer_portal.portal_my_dealer_returns", values)

    @http.route("/my/dealer/returns/new/<int:order_id>", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_return_new(self, order_id, error=None, **kw):
        self._dealer_self_dealer("buyer")
        order_sudo = self._dealer_own_order(order_id)
        returnable = request.env["dealer.return"]._dealer_returnable_quantities(order_sudo)
        values = self._dealer_self_values("dealer_return_new", order=order_sudo, returnable=returnable, error=error)
        return request.render("dealer_portal.portal_my_dealer_return_new", values)

    @http.route("/my/dealer/returns/new/<int:order_id>", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_return_create(self, order_id, reason=None, **post):
        self._dealer_self_dealer("buyer")
        order_sudo = self._dealer_own_order(order_id)
        quantities = {key.removeprefix("qty_"): value for key, value in post.items() if key.startswith("qty_")}
        photos = []
        oversized = None
        for upload in request.httprequest.files.getlist("photos"):
            data, filename = _read_upload(upload, 5 * 1024 * 1024)
            if data is False:
                oversized = filename
            elif data:
                photos.append((filename, data))
        try:
            with request.env.cr.savepoint():
                if oversized:
                    raise UserError(_("Photo %s is larger than 5 MB.", oversized))
                # The model checks again that the order is the user's dealer's.
                request_sudo = request.env["dealer.return"]._dealer_portal_request(
                    order_sudo.with_env(request.env), quantities, reason, photos
                )
        except UserError as error:
            return self.portal_my_dealer_return_new(order_id, error=str(error))
        return request.redirect(f"/my/dealer/returns/{request_sudo.id}")

    @http.route("/my/dealer/returns/<int:return_id>", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_return(self, return_id, **kw):
        dealer = self._dealer_self_dealer()
        return_sudo = request.env["dealer.return"].sudo().browse(return_id).exists()
        if not return_sudo or return_sudo.partner_id != dealer:
            raise NotFound()
        values = self._dealer_self_values("dealer_return", dealer_return=return_sudo)
        return request.render("dealer_portal.portal_my_dealer_return", values)

    # ------------------------------------------------------------
    # SUB-DEALERS
    # ------------------------------------------------------------

    @http.route("/my/dealer/sub-dealers", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_sub_dealers(self, **kw):
        dealer = self._dealer_self_dealer("admin")
        sub_dealers = dealer._dealer_portal_sub_dealers()
        ordering_for = self._dealer_portal_ordering_dealer()
        values = self._dealer_self_values(
            "dealer_sub_dealers",
            sub_dealers=sub_dealers,
            ordering_for=ordering_for if ordering_for != dealer else False,
        )
        return request.render("dealer_portal.portal_my_dealer_sub_dealers", values)

    @http.route("/my/dealer/sub-dealers/<int:sub_id>", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_sub_dealer(self, sub_id, **kw):
        dealer = self._dealer_self_dealer("admin")
        try:
            sub_sudo = dealer._dealer_portal_check_sub_dealer(request.env["res.partner"].browse(sub_id))
        except (AccessError, MissingError):
            raise NotFound() from None
        orders = dealer._dealer_portal_sub_dealer_orders(sub_sudo)
        values = self._dealer_self_values("dealer_sub_dealer", sub_dealer=sub_sudo, orders=orders)
        return request.render("dealer_portal.portal_my_dealer_sub_dealer", values)

    @http.route("/my/dealer/sub-dealers/order-for", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_order_for(self, sub_id=None, **kw):
        dealer = self._dealer_self_dealer("buyer")
        sub_id = int(sub_id) if str(sub_id or "").isdigit() else 0
        if not sub_id or sub_id == dealer.id:
            request.session.pop(ORDERING_FOR_KEY, None)
            return request.redirect("/my/dealer")
        try:
            dealer._dealer_portal_check_sub_dealer(request.env["res.partner"].browse(sub_id), order=True)
        except (AccessError, MissingError):
            raise Forbidden() from None
        request.session[ORDERING_FOR_KEY] = sub_id
        return request.redirect("/my/dealer")

    # ------------------------------------------------------------
    # DEALER USERS AND ROLES
    # ------------------------------------------------------------

    @http.route("/my/dealer/users", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_users(self, message=None, **kw):
        dealer = self._dealer_self_dealer("admin")
        users = (
            request.env["res.users"]
            .sudo()
            .search([("partner_id", "child_of", dealer.id), ("share", "=", True)], order="name")
        )
        roles = {role.user_id: role for role in request.env["dealer.user.role"].search([("user_id", "in", users.ids)])}
        values = self._dealer_self_values("dealer_users", users=users, roles=roles, message=message)
        return request.render("dealer_portal.portal_my_dealer_users", values)

    @staticmethod
    def _dealer_roles_from(post):
        return [role for role in ("admin", "buyer", "approver", "accountant") if post.get(f"role_{role}")]

    @http.route("/my/dealer/users/invite", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_users_invite(self, name=None, email=None, order_limit=None, **post):
        self._dealer_self_dealer("admin")
        Role = request.env["dealer.user.role"]
        try:
            # Counted before anything else and kept even when the invitation is refused.
            Role._dealer_invite_register_attempt(request.httprequest.remote_addr or "unknown")
            with request.env.cr.savepoint():
                Role._dealer_portal_invite(name, email, self._dealer_roles_from(post), order_limit)
            message = _("Invitation sent to %s.", email)
        except (UserError, ValidationError) as error:
            message = str(error)
        return request.redirect("/my/dealer/users?" + _url_encode({"message": message}))

    @http.route("/my/dealer/users/<int:role_id>/roles", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_users_roles(self, role_id, order_limit=None, **post):
        self._dealer_self_dealer("admin")
        role = request.env["dealer.user.role"].browse(role_id)
        try:
            with request.env.cr.savepoint():
                role._dealer_portal_set_roles(self._dealer_roles_from(post), order_limit)
            message = _("Roles saved.")
        except (AccessError, MissingError):
            raise NotFound() from None
        except UserError as error:
            message = str(error)
        return request.redirect("/my/dealer/users?" + _url_encode({"message": message}))

    # ------------------------------------------------------------
    # DEALER-SIDE APPROVAL OF BUYERS' ORDERS
    # ------------------------------------------------------------

    @http.route("/my/dealer/approvals", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_approvals(self, message=None, **kw):
        dealer = self._dealer_self_dealer("approver")
        sale_order_sudo = request.env["sale.order"].sudo()
        domain = [("partner_id", "child_of", dealer.id)]
        # What waits for a decision; decided orders leave the list for a short history below it.
        orders = sale_order_sudo.search(
            [*domain, ("dealer_approval_state", "=", "waiting"), ("state", "in", ("draft", "sent"))], order="id"
        )
        decided = sale_order_sudo.search(
            [*domain, ("dealer_approval_state", "in", ("approved", "rejected"))],
            order="write_date desc, id desc",
            limit=APPROVALS_DECIDED_SHOWN,
        )
        values = self._dealer_self_values("dealer_approvals", orders=orders, decided=decided, message=message)
        return request.render("dealer_portal.portal_my_dealer_approvals", values)

    @http.route(
        ["/my/dealer/approvals/<int:order_id>/approve", "/my/dealer/approvals/<int:order_id>/reject"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_dealer_approval_decide(self, order_id, note=None, **kw):
        self._dealer_self_dealer("approver")
        order = request.env["sale.order"].browse(order_id)
        approve = request.httprequest.path.endswith("/approve")
        try:
            with request.env.cr.savepoint():
                if approve:
                    order._dealer_portal_approve(note or "")
                else:
                    order._dealer_portal_reject(note)
            message = _("Order approved and sent to the brand.") if approve else _("Order rejected.")
        except (AccessError, MissingError):
            raise NotFound() from None
        except UserError as error:
            message = str(error)
        return request.redirect("/my/dealer/approvals?" + _url_encode({"message": message}))


class DealerInvoicePortal(PortalAccount):
    """Invoices are for the dealer's accountants: other roles of a dealer do not see them."""

    def _dealer_may_see_invoices(self):
        # The same test as the invoice record rules.
        return not request.env.user.dealer_invoices_hidden

    @http.route()
    def portal_my_invoices(self, *args, **kw):
        if not self._dealer_may_see_invoices():
            return request.redirect("/my/dealer")
        return super().portal_my_invoices(*args, **kw)

    @http.route()
    def portal_my_invoice_detail(self, invoice_id, access_token=None, report_type=None, download=False, **kw):
        if not request.env.user._is_public() and not self._dealer_may_see_invoices():
            return request.redirect("/my/dealer")
        if report_type == "pdf" and request.env.user.partner_id.dealer_id and not pdf_printer_available():
            # No PDF printer: the invoice's page instead of Odoo's error, unless its PDF is stored.
            try:
                invoice_sudo = self._document_check_access("account.move", invoice_id, access_token)
            except (AccessError, MissingError):
                invoice_sudo = None
            if invoice_sudo and not invoice_sudo.invoice_pdf_report_id:
                report_type, download = "html", False
        return super().portal_my_invoice_detail(
            invoice_id, access_token=access_token, report_type=report_type, download=download, **kw
        )

    def _invoice_get_page_view_values(self, invoice, access_token, **kwargs):
        values = super()._invoice_get_page_view_values(invoice, access_token, **kwargs)
        dealer = request.env.user.partner_id.dealer_id
        own = bool(dealer) and invoice.commercial_partner_id == dealer
        values.update(
            {
                "dealer_can_pay": own
                and invoice.move_type == "out_invoice"
                and invoice.state == "posted"
                and invoice.payment_state in ("not_paid", "partial"),
                "dealer_deposit_balance": dealer.sudo().dealer_deposit_balance if own else 0.0,
                "dealer_message": kwargs.get("dealer_message"),
            }
        )
        return values


class DealerSalePortal(SalePortal):
    """Signing or declining a quotation is ordering: a logged-in user of the dealer with the buyer role,
    never a visitor holding only the order's link."""

    def _dealer_may(self, order_id, access_token, action):
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token=access_token)
        except (AccessError, MissingError):
            return True  # Odoo's own answer to a wrong link follows
        try:
            order_sudo._dealer_portal_check_link_action(action, request.env.user)
        except AccessError:
            return False
        return True

    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        token = access_token or request.httprequest.args.get("access_token")
        if not self._dealer_may(order_id, token, "sign"):
            if request.env.user._is_public():
                return {"error": _("Log in to sign: signing orders needs the buyer role of your dealer.")}
            return {"error": _("Signing orders needs the buyer role of your dealer.")}
        return super().portal_quote_accept(order_id, access_token=access_token, name=name, signature=signature)

    @http.route()
    def portal_quote_decline(self, order_id, access_token=None, decline_message=None, **kwargs):
        if not self._dealer_may(order_id, access_token, "decline"):
            if request.env.user._is_public():
                return request.redirect("/web/login?" + _url_encode({"redirect": f"/my/orders/{order_id}"}))
            raise Forbidden()
        return super().portal_quote_decline(
            order_id, access_token=access_token, decline_message=decline_message, **kwargs
        )


def _url_encode(params):
    return urlencode({key: value for key, value in params.items() if value is not None})
