from . import res_partner_dealer_state
