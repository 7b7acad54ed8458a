from odoo import _, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _confirmation_error_message(self):
        # Suspended or not yet approved dealers keep their history but cannot order.
        error = super()._confirmation_error_message()
        dealer = self.partner_id.dealer_id
        if not error and dealer and dealer.dealer_state != "active":
            state_label = dict(dealer._fields["dealer_state"]._description_selection(self.env))[dealer.dealer_state]
            error = _("Dealer %(dealer)s cannot order: its status is %(state)s.", dealer=dealer.name, state=state_label)
        return error
