from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _dealer_portal_open_orders_by_state(self):
        """Open orders of this dealer (and its contacts), counted per portal state.

        Hook: the ordering part of the portal refines the states; the home page
        only renders the returned list of (key, label, count, url).
        """
        self.ensure_one()
        groups = self.env["sale.order"]._read_group(
            [("partner_id", "child_of", self.id), ("state", "in", ("draft", "sent", "sale"))],
            ["state"],
            ["__count"],
        )
        labels = dict(self.env["sale.order"]._fields["state"]._description_selection(self.env))
        return [(state, labels[state], count, "/my/orders") for state, count in groups]

    def _dealer_portal_cart(self, user=None, create=True):
        """The cart of user (default: the current user) for this dealer: a draft sale order."""
        self.ensure_one()
        user = user or self.env.user
        dealer = self.commercial_partner_id
        SaleOrder = self.env["sale.order"]
        cart = SaleOrder.search(
            [("dealer_cart_user_id", "=", user.id), ("partner_id", "=", dealer.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )
        if not cart and create:
            cart = SaleOrder.create(self._prepare_dealer_portal_cart_vals(user))
        return cart

    def _prepare_dealer_portal_cart_vals(self, user):
        dealer = self.commercial_partner_id
        vals = {
            "partner_id": dealer.id,
            "dealer_cart_user_id": user.id,
            "user_id": dealer.user_id.id,
        }
        if dealer.dealer_team_id:
            # Without a dealer team, the order takes its salesperson's team.
            vals["team_id"] = dealer.dealer_team_id.id
        return vals
