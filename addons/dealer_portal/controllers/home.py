from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.web import Home
from odoo.addons.sale.controllers.portal import CustomerPortal as SalePortal
from odoo.addons.web.controllers.utils import is_user_internal

DEALER_HOME = "/my/dealer"


def _is_dealer_user(uid):
    """A portal user of a dealer (the session's user; internal users keep Odoo's pages)."""
    if not uid or is_user_internal(uid):
        return False
    user_sudo = request.env["res.users"].sudo().browse(uid)
    return bool(user_sudo.partner_id.dealer_id)


class DealerHome(Home):
    """A dealer's user lands on its dealer home, not on Odoo's generic /my."""

    def _login_redirect(self, uid, redirect=None):
        if not redirect and _is_dealer_user(uid):
            redirect = DEALER_HOME
        return super()._login_redirect(uid, redirect=redirect)

    @http.route()
    def index(self, *args, **kw):
        if _is_dealer_user(request.session.uid):
            return request.redirect_query(DEALER_HOME, query=request.params)
        return super().index(*args, **kw)


class DealerOrderLists(SalePortal):
    """One order list for a dealer: /my/dealer/orders, with the dealer's states and actions.
    Odoo's quotation and order lists (and their entries on /my) are for customers outside the
    channel; a dealer's links to them lead to its own list."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if _is_dealer_user(request.session.uid):
            for counter in ("quotation_count", "order_count"):
                if counter in counters:
                    values[counter] = 0
        return values

    @http.route()
    def portal_my_quotes(self, **kwargs):
        if _is_dealer_user(request.session.uid):
            return request.redirect(f"{DEALER_HOME}/orders")
        return super().portal_my_quotes(**kwargs)

    @http.route()
    def portal_my_orders(self, **kwargs):
        if _is_dealer_user(request.session.uid):
            return request.redirect(f"{DEALER_HOME}/orders")
        return super().portal_my_orders(**kwargs)
