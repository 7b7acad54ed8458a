from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class DealerRebatePortal(CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "dealer_rebate_count" in counters:
            dealer = request.env.user.partner_id.dealer_id
            values["dealer_rebate_count"] = (
                len(request.env["dealer.rebate.accrual"]._dealer_rebate_progress(dealer)) if dealer else 0
            )
        return values

    @http.route("/my/dealer/rebates", type="http", auth="user", website=True, readonly=True)
    def portal_my_dealer_rebates(self, **kw):
        # The dealer is taken from the logged-in user only: no id in the URL to tamper with.
        dealer = request.env.user.partner_id.dealer_id
        if not dealer:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "dealer_rebates",
                "dealer": dealer,
                "progress": request.env["dealer.rebate.accrual"]._dealer_rebate_progress(dealer),
            }
        )
        return request.render("dealer_rebate.portal_my_dealer_rebates", values)
