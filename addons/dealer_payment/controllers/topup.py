from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal
from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.controllers.portal import PaymentPortal

from .portal import DealerPaymentPortal

TOPUP_ROUTE = "/my/dealer/credit/topup"
TOPUP_REFUSED_KEY = "dealer_payment_topup_refused"


def _topup_dealer():
    """The dealer of the logged-in user, when the user may handle its money (the accountant role,
    which administrators hold; the same test as the invoices): Forbidden otherwise. The dealer
    always comes from the session, never from the request."""
    user = request.env.user
    dealer = user.partner_id.dealer_id
    if not dealer or user.dealer_invoices_hidden:
        raise Forbidden()
    return dealer


def _topup_may(user):
    return bool(user.partner_id.dealer_id) and not user.dealer_invoices_hidden


class DealerTopupCredit(DealerPortal):
    """The deposit page (/my/dealer/credit) gets the top-up form and the top-ups in progress."""

    @http.route()
    def portal_my_dealer_credit(self, **kw):
        response = super().portal_my_dealer_credit(**kw)
        qcontext = getattr(response, "qcontext", None)
        if qcontext is None:
            return response
        user = request.env.user
        allowed = _topup_may(user)
        dealer = user.partner_id.dealer_id
        company = request.env.company
        # The refusal of the amount last entered (kept in the session, never read from the URL).
        refused = request.session.pop(TOPUP_REFUSED_KEY, None) or {}
        qcontext.update(
            dealer_topup_allowed=allowed,
            dealer_topup_error=refused.get("error") if allowed else None,
            dealer_topup_amount=refused.get("amount") if allowed else None,
            dealer_topup_currency=company.currency_id,
            dealer_topups=dealer._dealer_topup_transactions(company) if allowed else [],
            dealer_topups_in_progress=dealer._dealer_topups_in_progress(company) if allowed else [],
        )
        return response


class DealerTopupPayment(PaymentPortal):
    @staticmethod
    def _dealer_topup_amount(dealer, value):
        return dealer._dealer_topup_parse_amount(value, request.env.company.currency_id)

    @http.route(TOPUP_ROUTE, type="http", methods=["GET"], auth="user", website=True, sitemap=False)
    def dealer_topup_pay(self, amount=None, **kw):
        dealer = _topup_dealer()
        try:
            amount = self._dealer_topup_amount(dealer, amount)
        except UserError as error:
            request.session[TOPUP_REFUSED_KEY] = {"error": str(error), "amount": str(amount or "")[:32]}
            return request.redirect("/my/dealer/credit#dealer_topup")
        company = request.env.company
        currency = company.currency_id
        partner_sudo = request.env.user.partner_id
        values = {
            **self._prepare_portal_layout_values(),
            **DealerPaymentPortal._dealer_payment_form_values(
                company, currency, amount, f"{TOPUP_ROUTE}/transaction", "/my/dealer/credit"
            ),
            "page_name": "dealer_topup",
            "dealer": dealer,
            "res_company": company,
            "reference_prefix": None,
            "access_token": payment_utils.generate_access_token(partner_sudo.id, amount, currency.id),
        }
        return request.render("dealer_payment.portal_dealer_topup_pay", values)

    @http.route(f"{TOPUP_ROUTE}/transaction", type="json", auth="user")
    def dealer_topup_transaction(self, amount=None, access_token=None, **kwargs):
        """Create the draft top-up transaction of the user's dealer and return its processing values."""
        dealer = _topup_dealer()
        company = request.env.company
        currency = company.currency_id
        partner_sudo = request.env.user.partner_id
        try:
            amount = self._dealer_topup_amount(dealer, amount)
        except UserError as error:
            raise ValidationError(str(error)) from None
        if not payment_utils.check_access_token(access_token, partner_sudo.id, amount, currency.id):
            raise ValidationError(_("The access token is invalid."))
        self._validate_transaction_kwargs(kwargs)
        kwargs.pop("is_validation", None)
        providers_sudo = DealerPaymentPortal._dealer_payment_form_values(company, currency, amount, "", "")[
            "providers_sudo"
        ]
        if kwargs.get("flow") == "token":
            provider_sudo = request.env["payment.token"].sudo().browse(int(kwargs.get("token_id") or 0)).provider_id
        else:
            provider_sudo = providers_sudo.browse(int(kwargs.get("provider_id") or 0))
        if provider_sudo not in providers_sudo:
            raise ValidationError(_("This payment provider is not available for this payment."))
        create_values = {"dealer_topup_partner_id": dealer.id}
        values = dict(kwargs, amount=amount, currency_id=currency.id, partner_id=partner_sudo.id)
        # The same top-up form sent twice (a double click, a retried request) gets one transaction.
        tx_sudo = DealerPaymentPortal._dealer_payment_existing_transaction(dealer, create_values, values)
        if tx_sudo:
            return tx_sudo._get_processing_values()
        tx_sudo = self._create_transaction(custom_create_values=create_values, **values)
        if tx_sudo.company_id != company:
            raise ValidationError(_("This payment method is not available for top-ups."))
        tx_sudo.landing_route = f"{TOPUP_ROUTE}/{tx_sudo.id}"
        return tx_sudo._get_processing_values()

    @http.route(f"{TOPUP_ROUTE}/<int:tx_id>", type="http", methods=["GET"], auth="user", website=True, sitemap=False)
    def dealer_topup_status(self, tx_id, **kw):
        dealer = _topup_dealer()
        tx_sudo = request.env["payment.transaction"].sudo().browse(tx_id).exists()
        if not tx_sudo or tx_sudo.dealer_topup_partner_id != dealer:
            raise NotFound()
        values = {
            **self._prepare_portal_layout_values(),
            "page_name": "dealer_topup",
            "dealer": dealer,
            "tx": tx_sudo,
        }
        return request.render("dealer_payment.portal_dealer_topup_status", values)
