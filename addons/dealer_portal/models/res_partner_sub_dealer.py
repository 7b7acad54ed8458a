from odoo import _, models
from odoo.exceptions import AccessError


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # SUB-DEALERS (多级经销商)
    # ------------------------------------------------------------

    def _dealer_portal_sub_dealers(self):
        """The active sub-dealers of this dealer (sudo: the caller checked the user's dealer)."""
        self.ensure_one()
        return (
            self.env["res.partner"]
            .sudo()
            .search([("dealer_parent_id", "=", self.id), ("is_dealer", "=", True)], order="dealer_code")
        )

    def _dealer_portal_check_sub_dealer(self, sub_dealer, order=False):
        """sub_dealer is a sub-dealer of self (the user's dealer); with order, the brand lets self order for it."""
        self.ensure_one()
        sub_dealer = sub_dealer.sudo()
        if not sub_dealer.is_dealer or sub_dealer.dealer_parent_id != self:
            raise AccessError(_("This dealer is not one of your sub-dealers."))
        if order and not (sub_dealer.dealer_parent_may_order and sub_dealer.dealer_state == "active"):
            raise AccessError(_("The brand does not let you order on behalf of %s.", sub_dealer.name))
        return sub_dealer

    def _dealer_portal_sub_dealer_orders(self, sub_dealer, limit=80):
        """Orders of a sub-dealer, read only, for its parent dealer's users."""
        sub_dealer_sudo = self._dealer_portal_check_sub_dealer(sub_dealer)
        return (
            self.env["sale.order"]
            .sudo()
            .search(
                [("partner_id", "child_of", sub_dealer_sudo.id), ("state", "!=", "cancel")],
                order="date_order desc, id desc",
                limit=limit,
            )
        )
