from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.dealer_base.tools import lock_for_update

DEALER_APPROVAL_STATES = [
    ("none", "Not Needed"),
    ("waiting", "Waiting for the Dealer's Approver"),
    ("approved", "Approved by the Dealer"),
    ("rejected", "Rejected by the Dealer"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_approval_state = fields.Selection(
        DEALER_APPROVAL_STATES,
        string="Dealer Approval",
        default="none",
        required=True,
        copy=False,
        tracking=True,
        index=True,
        help="A buyer's portal order above its limit waits for an approver of the dealer before the brand's review.",
    )
    dealer_approver_id = fields.Many2one("res.users", copy=False, readonly=True)
    dealer_approval_note = fields.Text(copy=False, readonly=True)

    # ------------------------------------------------------------
    # SUBMISSION: THE DEALER'S OWN APPROVAL STEP
    # ------------------------------------------------------------

    def _dealer_portal_submit(self):
        """A buyer above its order limit waits for its dealer's approver instead of the brand's review."""
        self.ensure_one()
        user = self.env.user
        Role = self.env["dealer.user.role"]
        # An approved order goes on with its approver's submission; a cart is always a buyer's
        # (a changed order is a cart again and its approval was reset).
        if user._is_portal() and (self.dealer_approval_state != "approved" or self.dealer_cart_user_id):
            roles = Role._dealer_roles_of(user)
            if "buyer" not in roles:
                raise AccessError(_("Placing orders needs the buyer role of your dealer."))
            total, limit = self._dealer_portal_buyer_limit(user)
            if limit is not None and self.company_id.currency_id.compare_amounts(total, limit) > 0:
                self.sudo().write(
                    {
                        "dealer_approval_state": "waiting",
                        "dealer_submitted_by_id": user.id,
                        "dealer_cart_user_id": False,
                    }
                )
                self.sudo().message_post(
                    body=_(
                        "%(buyer)s submitted %(amount)s, above the buyer limit of %(limit)s: waiting for the "
                        "dealer's approver.",
                        buyer=user.name,
                        amount=self.company_id.currency_id.format(total),
                        limit=self.company_id.currency_id.format(limit),
                    )
                )
                return False
        return super()._dealer_portal_submit()

    def _dealer_portal_buyer_limit(self, user):
        """(the order's total, user's order limit or None), both in the company's currency."""
        limit = self.env["dealer.user.role"]._dealer_order_limit_of(user)
        total = self.currency_id._convert(
            self.amount_total, self.company_id.currency_id, self.company_id, fields.Date.context_today(self)
        )
        return total, limit

    def _dealer_portal_submit_outlook(self, user):
        outlook = super()._dealer_portal_submit_outlook(user)
        if user._is_portal() and self.dealer_cart_user_id:
            total, limit = self._dealer_portal_buyer_limit(user)
            currency = self.company_id.currency_id
            if limit is not None and currency.compare_amounts(total, limit) > 0:
                outlook["approval"] = _(
                    "%(amount)s is above your order limit of %(limit)s: the order will wait for approval by "
                    "%(approvers)s before it goes to the brand.",
                    amount=currency.format(total),
                    limit=currency.format(limit),
                    approvers=", ".join(self._dealer_portal_approvers().mapped("name")),
                )
        return outlook

    def _dealer_portal_approvers(self):
        """The users of the order's dealer who may approve it: approvers and administrators (a user
        without roles holds them all). For the buyer's "waiting for approval by" line."""
        self.ensure_one()
        dealer = self.partner_id.commercial_partner_id
        users_sudo = (
            self.env["res.users"]
            .sudo()
            .search([("partner_id", "child_of", dealer.id), ("share", "=", True)], order="name")
        )
        roles_sudo = self.env["dealer.user.role"].sudo().search([("user_id", "in", users_sudo.ids)])
        role_of = {role.user_id: role for role in roles_sudo}

        def approves(user):
            role = role_of.get(user)
            return not role or role.partner_id != dealer or role.is_admin or role.is_approver

        return users_sudo.filtered(approves)

    def _dealer_portal_reopen(self, user):
        """A change after the dealer's approval needs a new approval: the approval is reset."""
        result = super()._dealer_portal_reopen(user)
        if self.dealer_approval_state != "none":
            self.write({"dealer_approval_state": "none", "dealer_approver_id": False, "dealer_approval_note": False})
        return result

    def _dealer_portal_check_approver(self, action="approve"):
        self.ensure_one()
        self._dealer_portal_check_action(action)
        order_sudo = self.sudo()
        # Two clicks (or two approvers) at once: the second finds the order decided, never confirms it twice.
        if (
            not lock_for_update(order_sudo)
            or order_sudo.dealer_approval_state != "waiting"
            or order_sudo.state not in ("draft", "sent")
        ):
            raise UserError(_("Order %s is not waiting for your approval.", self.name))

    def _dealer_portal_approve(self, note=""):
        """An approver of the dealer lets a buyer's order go on to the brand's review."""
        self._dealer_portal_check_approver()
        order_sudo = self.sudo()
        order_sudo.write(
            {"dealer_approval_state": "approved", "dealer_approver_id": self.env.user.id, "dealer_approval_note": note}
        )
        order_sudo.message_post(body=_("Approved by the dealer's approver %s.", self.env.user.name))
        # Access was checked above: the brand's review runs as for any portal submission.
        return order_sudo._dealer_portal_submit()

    def _dealer_portal_reject(self, note):
        self._dealer_portal_check_approver("reject")
        note = (note or "").strip()
        if not note:
            raise UserError(_("Give the reason for the rejection."))
        order_sudo = self.sudo()
        order_sudo.write(
            {"dealer_approval_state": "rejected", "dealer_approver_id": self.env.user.id, "dealer_approval_note": note}
        )
        order_sudo.message_post(
            body=_("Rejected by the dealer's approver %(user)s: %(note)s", user=self.env.user.name, note=note)
        )
        order_sudo._action_cancel()
        return True
