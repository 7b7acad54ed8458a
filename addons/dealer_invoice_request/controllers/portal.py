from werkzeug.exceptions import Forbidden

from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.self_service import DealerSelfService, _url_encode

from ..models.res_partner import DETAIL_FIELDS


class DealerInvoiceDetailsPortal(DealerSelfService):
    """The dealer's invoice details (开票信息): its administrator and accountants read and edit
    them; other users of the dealer get 403. The dealer is always the user's own."""

    def _dealer_invoice_details_values(self, dealer, form=None, errors=None, message=None):
        types = request.env["res.partner"]._fields["dealer_invoice_default_type"]._description_selection(request.env)
        details = dealer._dealer_invoice_details()
        details["dealer_invoice_default_type"] = dealer.sudo().dealer_invoice_default_type or False
        return self._dealer_self_values(
            "dealer_invoice_details",
            details=dict(details, **(form or {})),
            invoice_types=types,
            errors=errors or [],
            message=message,
        )

    @http.route("/my/dealer/invoice-details", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_invoice_details(self, message=None, **kw):
        dealer = self._dealer_self_dealer("accountant")
        return request.render(
            "dealer_invoice_request.portal_my_dealer_invoice_details",
            self._dealer_invoice_details_values(dealer, message=message),
        )

    @http.route("/my/dealer/invoice-details", type="http", auth="user", methods=["POST"], website=True)
    def portal_my_dealer_invoice_details_save(self, **post):
        dealer = self._dealer_self_dealer("accountant")
        form = {name: post.get(name, "") for name in (*DETAIL_FIELDS, "dealer_invoice_default_type")}
        try:
            with request.env.cr.savepoint():
                request.env["res.partner"]._dealer_invoice_portal_save(form)
        except AccessError:
            raise Forbidden() from None
        except (UserError, ValidationError) as error:
            values = self._dealer_invoice_details_values(dealer, form=form, errors=str(error).split("\n"))
            return request.render("dealer_invoice_request.portal_my_dealer_invoice_details", values, status=400)
        return request.redirect("/my/dealer/invoice-details?" + _url_encode({"message": _("Invoice details saved.")}))
