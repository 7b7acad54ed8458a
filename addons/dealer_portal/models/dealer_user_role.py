import math
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.dealer_base.tools import MAX_AMOUNT, format_number

from .dealer_application import exact_ilike, login_email

DEFAULT_INVITE_RATE_LIMIT = 10

# Every role a dealer's portal user may hold; "admin" implies all the others.
DEALER_ROLES = ("admin", "buyer", "approver", "accountant")
# What the invoice record rules read of a role (res.users.dealer_invoices_hidden).
RULE_FIELDS = {"user_id", "partner_id", "is_admin", "is_accountant"}


class DealerUserRole(models.Model):
    """What one portal user may do for its dealer.

    A portal user without a role record (the contacts given access by the
    brand when the dealer is approved) is the dealer's administrator; the
    colleagues an administrator invites always get one.
    """

    _name = "dealer.user.role"
    _description = "Dealer User Role"
    _order = "partner_id, user_id"

    user_id = fields.Many2one("res.users", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, ondelete="cascade", domain=[("is_dealer", "=", True)]
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    is_admin = fields.Boolean(string="Administrator", help="Invites colleagues and gives them roles; holds every role.")
    is_buyer = fields.Boolean(string="Buyer", help="Places orders up to the order limit.")
    is_approver = fields.Boolean(string="Approver", help="Approves buyers' orders above their limit.")
    is_accountant = fields.Boolean(string="Accountant", help="Sees statements and invoices, pays invoices.")
    order_limit = fields.Monetary(
        help="A buyer's orders above this amount (taxes included) wait for an approver of the dealer (0: no limit).",
    )

    _sql_constraints = [
        ("user_unique", "UNIQUE(user_id)", "A user has one set of roles."),
        ("order_limit_positive", "CHECK(order_limit >= 0)", "The order limit cannot be negative."),
    ]

    @api.constrains("user_id", "partner_id")
    def _check_user_of_dealer(self):
        for role in self:
            if role.user_id.partner_id.commercial_partner_id != role.partner_id:
                raise ValidationError(_("%s is not a user of this dealer.", role.user_id.name))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        roles = super().create(vals_list)
        roles._dealer_roles_changed()
        return roles

    def write(self, vals):
        result = super().write(vals)
        if RULE_FIELDS & vals.keys():
            self._dealer_roles_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._dealer_roles_changed()
        return result

    @api.model
    def _dealer_roles_changed(self):
        # Record rules read the roles and the users' dealer (res.users.dealer_invoices_hidden):
        # forget the computed values and the rules' cached domains.
        self.env["res.users"].invalidate_model(["dealer_invoices_hidden"])
        self.env.registry.clear_cache()

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _dealer_roles_of(self, user):
        """The set of roles of user for its own dealer (empty for a non-dealer user)."""
        dealer = user.partner_id.dealer_id
        if not dealer:
            return set()
        role = self.sudo().search([("user_id", "=", user.id)], limit=1)
        if not role or role.partner_id != dealer:
            return set(DEALER_ROLES)
        if role.is_admin:
            return set(DEALER_ROLES)
        return {name for name in DEALER_ROLES if role[f"is_{name}"]}

    @api.model
    def _dealer_order_limit_of(self, user):
        """The amount above which user's orders need an approver; None when there is no limit."""
        roles = self._dealer_roles_of(user)
        if {"admin", "approver"} & roles:
            return None
        role = self.sudo().search([("user_id", "=", user.id)], limit=1)
        return role.order_limit or None

    @api.model
    def _dealer_check_role(self, role, user=None):
        """Raise AccessError unless user (default: current user) holds role for its dealer."""
        user = user or self.env.user
        if role not in self._dealer_roles_of(user):
            labels = {
                "admin": _("administrator"),
                "buyer": _("buyer"),
                "approver": _("approver"),
                "accountant": _("accountant"),
            }
            raise AccessError(_("This needs the %s role of your dealer.", labels[role]))

    @api.model
    def _dealer_portal_invite(self, name, email, roles, order_limit=0.0):
        """An administrator of the current user's dealer invites a colleague.

        Creates the contact, its portal user (Odoo's invitation e-mail) and its
        roles, or raises before anything is saved.
        """
        self._dealer_check_role("admin")
        dealer = self.env.user.partner_id.dealer_id
        name = (name or "").strip()
        normalized = login_email(email)
        if not name:
            raise UserError(_("Give the colleague's name."))
        if not normalized:
            raise UserError(_("%s is not a valid e-mail address.", email or ""))
        roles = [role for role in roles if role in DEALER_ROLES]
        if not roles:
            raise UserError(_("Give the colleague at least one role."))
        limit = self._dealer_parse_limit(order_limit)
        contact_sudo = self._dealer_check_email_free(normalized, dealer)
        if not contact_sudo:
            contact_sudo = (
                self.env["res.partner"]
                .sudo()
                .create({"name": name, "email": normalized, "parent_id": dealer.id, "type": "contact"})
            )
        wizard_sudo = self.env["portal.wizard"].sudo().create({"partner_ids": [fields.Command.set(contact_sudo.ids)]})
        wizard_sudo.user_ids.action_grant_access()
        user_sudo = contact_sudo.with_context(active_test=False).user_ids[:1]
        role_sudo = self.sudo().create(
            dict(
                {f"is_{role}": role in roles for role in DEALER_ROLES},
                user_id=user_sudo.id,
                partner_id=dealer.id,
                order_limit=limit,
            )
        )
        dealer.sudo().message_post(
            body=_("%(admin)s invited %(user)s to the dealer portal.", admin=self.env.user.name, user=name)
        )
        return role_sudo

    def _dealer_portal_set_roles(self, roles, order_limit=0.0):
        """An administrator changes the roles of a colleague of the same dealer."""
        self.ensure_one()
        self._dealer_check_role("admin")
        dealer = self.env.user.partner_id.dealer_id
        if self.partner_id != dealer:
            raise AccessError(_("This user does not belong to your dealer."))
        if self.user_id == self.env.user and "admin" not in roles:
            raise UserError(_("You cannot take the administrator role away from yourself."))
        roles = [role for role in roles if role in DEALER_ROLES]
        if not roles:
            raise UserError(_("Give the colleague at least one role."))
        limit = self._dealer_parse_limit(order_limit)
        self.sudo().write(dict({f"is_{role}": role in roles for role in DEALER_ROLES}, order_limit=limit))
        return True

    @api.model
    def _dealer_parse_limit(self, value):
        try:
            limit = float(value or 0.0)
        except (TypeError, ValueError):
            raise UserError(_("The order limit must be a number.")) from None
        if limit < 0 or not math.isfinite(limit):
            raise UserError(_("The order limit must be a positive number."))
        if limit > MAX_AMOUNT:
            raise UserError(_("The order limit is at most %s.", format_number(MAX_AMOUNT)))
        return limit

    @api.model
    def _dealer_invite_register_attempt(self, ip_address):
        """Count this invitation of the current user; raise when it sent too many within the hour.

        Each answer tells whether an e-mail is known elsewhere: the count bounds such probing.
        """
        value = self.env["ir.config_parameter"].sudo().get_param("dealer_portal.invite_rate_limit")
        try:
            limit = max(int(value), 1) if value else DEFAULT_INVITE_RATE_LIMIT
        except ValueError:
            limit = DEFAULT_INVITE_RATE_LIMIT
        Attempt = self.env["dealer.application.attempt"].sudo()
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = Attempt.search_count(
            [("kind", "=", "invite"), ("user_id", "=", self.env.uid), ("create_date", ">=", since)]
        )
        if recent >= limit:
            raise UserError(_("Too many invitations within the hour. Please try again later."))
        return Attempt.create({"kind": "invite", "user_id": self.env.uid, "ip_address": ip_address})

    @api.model
    def _dealer_check_email_free(self, email, dealer):
        """An e-mail identifies one person of one dealer: refuse one known elsewhere.

        Returns the dealer's own contact with that e-mail (sudo), if any.
        """
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        Partners = self.env["res.partner"].sudo().with_context(active_test=False)
        if Users.search_count([("login", "=ilike", exact_ilike(email))], limit=1):
            raise UserError(_("The e-mail %s is already used by a login: nothing was saved.", email))
        other = Partners.search(
            [("email_normalized", "=", email), ("commercial_partner_id", "!=", dealer.id)],
            limit=1,
        )
        if other:
            raise UserError(_("The e-mail %s is already used by another company: nothing was saved.", email))
        mine = Partners.search([("email_normalized", "=", email), ("commercial_partner_id", "=", dealer.id)], limit=1)
        if mine.user_ids:
            raise UserError(_("%s already has access to the portal.", email))
        return mine


class ResUsers(models.Model):
    _inherit = "res.users"

    dealer_invoices_hidden = fields.Boolean(
        compute="_compute_dealer_invoices_hidden",
        help="A user of a dealer without the accountant role: record rules hide every invoice, journal item, "
        "statement confirmation and deposit movement from it.",
    )

    @api.depends("partner_id.dealer_id")
    def _compute_dealer_invoices_hidden(self):
        Role = self.env["dealer.user.role"]
        for user in self:
            user.dealer_invoices_hidden = bool(user.partner_id.dealer_id) and "accountant" not in Role._dealer_roles_of(
                user
            )

    def _dealer_portal_roles(self):
        self.ensure_one()
        return self.env["dealer.user.role"]._dealer_roles_of(self)

    def _dealer_portal_has_role(self, role):
        self.ensure_one()
        return role in self.env["dealer.user.role"]._dealer_roles_of(self)
