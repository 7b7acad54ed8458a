from odoo import _, api, models
from odoo.exceptions import AccessError

# The role of its dealer a portal user needs for each action on an order (None: any role).
DEALER_ACTION_ROLES = {
    "view": None,
    "cart": "buyer",
    "cancel": "buyer",
    "change": "buyer",
    "change_request": "buyer",
    "received": "buyer",
    "reorder": "buyer",
    "sign": "buyer",
    "decline": "buyer",
    "approve": "approver",
    "reject": "approver",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _has_to_be_signed(self):
        # An order submitted through the dealer portal goes on through the dealer's approval and
        # the brand's review, never through a signature on its link.
        return super()._has_to_be_signed() and not (
            self.dealer_submitted_date or self.dealer_cart_user_id or self.dealer_approval_state != "none"
        )

    # ------------------------------------------------------------
    # WHO MAY DO WHAT ON A DEALER'S ORDER FROM THE PORTAL
    # ------------------------------------------------------------

    @api.model
    def _get_dealer_portal_action_role(self, action):
        """Hook: the role of its dealer a portal user needs for action (None: any role of the dealer).

        Ordering actions (filling the cart, changing, cancelling, reordering, signing a quotation,
        confirming receipt, asking for a change) need the buyer role; the dealer's own approval
        needs the approver role. The administrator holds every role.
        """
        if action not in DEALER_ACTION_ROLES:
            raise ValueError(f"Unknown dealer portal action {action!r}")
        return DEALER_ACTION_ROLES[action]

    @api.model
    def _dealer_portal_check_role(self, action, user=None):
        """Raise AccessError unless user (default: the current user) holds the role action needs.

        Users that belong to no dealer (the brand's staff, other customers) are not concerned.
        """
        user = user or self.env.user
        role = self._get_dealer_portal_action_role(action)
        if role and user.partner_id.dealer_id:
            self.env["dealer.user.role"]._dealer_check_role(role, user)

    @api.model
    def _dealer_portal_orders_domain(self, dealer, user=None):
        """Domain of the orders of dealer that user (default: the current user) sees in the order pages.

        The orders of the user's own dealer; for a sub-dealer of the user's dealer, only the orders
        the parent placed on its behalf (submitted by, or in the cart of, one of the parent's users).
        The orders a sub-dealer's own users placed stay theirs: its parent's administrators see
        them read only on the sub-dealer's page, and no one of the parent acts on them.
        """
        user = user or self.env.user
        own = user.partner_id.dealer_id
        domain = [("partner_id", "child_of", dealer.id)]
        if dealer == own:
            return domain
        if not own or dealer.sudo().dealer_parent_id != own:
            return [(0, "=", 1)]
        return [
            *domain,
            "|",
            ("dealer_submitted_by_id.partner_id.commercial_partner_id", "=", own.id),
            "&",
            ("dealer_submitted_by_id", "=", False),
            ("dealer_cart_user_id.partner_id.commercial_partner_id", "=", own.id),
        ]

    def _dealer_portal_check_action(self, action, user=None):
        """Raise AccessError unless user (default: the current user) may do action on this order.

        The order must be one user sees (_dealer_portal_orders_domain: its own dealer's, or a
        sub-dealer's order its dealer placed on the sub-dealer's behalf), never another user's
        cart, and user must hold the role the action needs (_get_dealer_portal_action_role).
        """
        self.ensure_one()
        user = user or self.env.user
        # The ownership check itself: read with sudo, only to compare with the user's dealer.
        order_sudo = self.sudo()
        dealer = order_sudo.partner_id.commercial_partner_id
        visible = bool(user.partner_id.dealer_id) and order_sudo.filtered_domain(
            self._dealer_portal_orders_domain(dealer, user)
        )
        if not visible or (order_sudo.dealer_cart_user_id and order_sudo.dealer_cart_user_id != user):
            raise AccessError(_("This order is not one of yours."))
        self._dealer_portal_check_role(action, user)

    def _dealer_portal_check_link_action(self, action, user=None):
        """Raise AccessError unless user may do action (sign, decline) on this order from Odoo's order page.

        A dealer's order is signed or declined only by a logged-in user of the dealer holding the
        role action needs (_dealer_portal_check_action): never by a visitor holding only the order's
        link, nor by a user of another company. The brand's staff and other customers' orders keep
        Odoo's rules.
        """
        self.ensure_one()
        user = user or self.env.user
        if user.share and self.sudo().partner_id.commercial_partner_id.is_dealer:
            self._dealer_portal_check_action(action, user)
        else:
            self._dealer_portal_check_role(action, user)

    def _dealer_portal_allowed_actions(self, user=None):
        """The actions user's roles allow on this order (the buttons its order page shows)."""
        self.ensure_one()
        user = user or self.env.user
        if not user.partner_id.dealer_id:
            return set()
        roles = self.env["dealer.user.role"]._dealer_roles_of(user)
        return {
            action for action in DEALER_ACTION_ROLES if self._get_dealer_portal_action_role(action) in roles | {None}
        }

    def _dealer_portal_hides_invoices(self, user):
        """Whether the order's page hides its invoices from user.

        A dealer's user without the accountant role never sees them; nor does a visitor
        holding only the order's link (its invoices' links would open without a session).
        """
        self.ensure_one()
        if user._is_public():
            return bool(self.sudo().partner_id.commercial_partner_id.is_dealer)
        return user.dealer_invoices_hidden
