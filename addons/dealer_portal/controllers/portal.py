from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


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

    def _dealer_portal_ordering_dealer(self):
        """The dealer the logged-in user is ordering for: its own dealer by default.

        Catalog, cart and checkout use this one; a dealer allowed to order for
        its sub-dealers may switch to one of them.
        """
        return self._dealer_portal_dealer()

    def _prepare_dealer_home_values(self, dealer):
        """Values of the dealer home page; each part of the portal adds its panel."""
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "dealer_home",
                "dealer": dealer,
                "order_states": dealer._dealer_portal_open_orders_by_state(),
            }
        )
        return values

    # ------------------------------------------------------------
    # ROUTES
    # ------------------------------------------------------------

    @http.route("/my/dealer", type="http", auth="user", website=True)
    def portal_my_dealer_home(self, **kw):
        dealer = self._dealer_portal_dealer()
        if not dealer:
            return request.redirect("/my")
        return request.render("dealer_portal.portal_my_dealer_home", self._prepare_dealer_home_values(dealer))
