from odoo.http import request

from odoo.addons.dealer_portal.controllers.portal import DealerPortal


class DealerPortalRebate(DealerPortal):
    def _prepare_dealer_home_values(self, dealer):
        values = super()._prepare_dealer_home_values(dealer)
        values["rebates"] = request.env["dealer.rebate.accrual"]._dealer_rebate_progress(dealer)
        return values
