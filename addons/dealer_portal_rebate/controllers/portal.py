from odoo import http
from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal
from odoo.addons.dealer_portal.controllers.replica import dealer_portal_readonly
from odoo.addons.dealer_rebate.controllers.portal import DealerRebatePortal


class DealerPortalRebate(DealerPortal):
    def _prepare_dealer_home_values(self, dealer):
        values = super()._prepare_dealer_home_values(dealer)
        values["rebates"] = request.env["dealer.rebate.accrual"]._dealer_rebate_progress(dealer)
        return values


class DealerPortalRebatePage(DealerRebatePortal):
    # With the portal, the rebates page follows its read-your-writes rule (dealer_portal/controllers/replica.py).
    @http.route(readonly=dealer_portal_readonly)
    def portal_my_dealer_rebates(self, **kw):
        return super().portal_my_dealer_rebates(**kw)
