from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

DEALER_STATES = [
    ("prospect", "Prospect"),
    ("pending", "Pending Approval"),
    ("active", "Active"),
    ("suspended", "Suspended"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    is_dealer = fields.Boolean(
        string="Dealer Company", tracking=True, index=True, help="This company buys from the brand as a dealer."
    )
    dealer_id = fields.Many2one(
        "res.partner",
        string="Dealer Account",
        compute="_compute_dealer_id",
        store=True,
        index=True,
        recursive=True,
        help="The dealer this partner belongs to: the commercial partner when it is a dealer.",
    )
    dealer_code = fields.Char(tracking=True, copy=False, index=True)
    dealer_level_id = fields.Many2one("dealer.level", tracking=True, index=True, ondelete="restrict")
    dealer_region_id = fields.Many2one(
        "dealer.region", string="Sales Region", tracking=True, index=True, ondelete="restrict"
    )
    dealer_team_id = fields.Many2one("crm.team", string="Dealer Sales Team", tracking=True, index=True)
    dealer_parent_id = fields.Many2one(
        "res.partner",
        string="Parent Dealer",
        tracking=True,
        index=True,
        domain="[('is_dealer', '=', True), ('id', '!=', id)]",
        help="A sub-dealer buys through this dealer (multi-level distribution).",
    )
    dealer_child_ids = fields.One2many("res.partner", "dealer_parent_id", string="Sub-dealers")
    dealer_state = fields.Selection(
        DEALER_STATES, string="Dealer Status", default="prospect", tracking=True, index=True, copy=False
    )
    dealer_suspend_reason = fields.Text(string="Reason", tracking=True, copy=False)
    dealer_activation_date = fields.Date(string="Activated On", copy=False, readonly=True)
    dealer_licence = fields.Binary(string="Business Licence", attachment=True, copy=False)
    dealer_licence_filename = fields.Char(string="Business Licence File Name", copy=False)
    dealer_can_order = fields.Boolean(compute="_compute_dealer_can_order", help="Only active dealers may place orders.")

    _sql_constraints = [
        ("dealer_code_unique", "UNIQUE(dealer_code)", "This dealer code is already used by another dealer."),
    ]

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("is_dealer", "commercial_partner_id.is_dealer")
    def _compute_dealer_id(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.dealer_id = commercial if commercial.is_dealer else False

    @api.depends("dealer_id.dealer_state")
    def _compute_dealer_can_order(self):
        for partner in self:
            partner.dealer_can_order = partner.dealer_id.dealer_state == "active"

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("is_dealer", "is_company", "parent_id")
    def _check_dealer_is_company(self):
        for partner in self.filtered("is_dealer"):
            if not partner.is_company or partner.parent_id:
                raise ValidationError(
                    _("%s cannot be a dealer: a dealer is a company with no parent company.", partner.name)
                )

    @api.constrains("is_dealer", "dealer_code")
    def _check_dealer_code(self):
        for partner in self.filtered("is_dealer"):
            if not (partner.dealer_code or "").strip():
                raise ValidationError(_("Dealer %s needs a dealer code.", partner.name))

    @api.constrains("dealer_parent_id")
    def _check_dealer_parent_id(self):
        if self._has_cycle("dealer_parent_id"):
            raise ValidationError(_("A dealer cannot be the parent of itself or of one of its own parent dealers."))
        for partner in self.filtered("dealer_parent_id"):
            if not partner.dealer_parent_id.is_dealer:
                raise ValidationError(_("The parent dealer of %s must be a dealer.", partner.name))

    @api.constrains("dealer_state", "dealer_licence", "user_id")
    def _check_dealer_active_requirements(self):
        for partner in self.filtered(lambda p: p.is_dealer and p.dealer_state == "active"):
            missing = partner._get_dealer_activation_missing()
            if missing:
                raise ValidationError(
                    _(
                        "Dealer %(dealer)s cannot be active without: %(missing)s.",
                        dealer=partner.name,
                        missing=", ".join(missing),
                    )
                )

    def _get_dealer_activation_missing(self):
        """Hook: what a dealer still lacks to be activated (labels, empty if nothing)."""
        self.ensure_one()
        missing = []
        if not self.dealer_licence:
            missing.append(_("a business licence"))
        if not self.user_id:
            missing.append(_("a salesperson"))
        return missing

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("dealer_code"):
                vals["dealer_code"] = vals["dealer_code"].strip()
            if vals.get("dealer_state") not in (None, "prospect"):
                self._check_dealer_manager()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("dealer_code"):
            vals["dealer_code"] = vals["dealer_code"].strip()
        if "dealer_state" in vals and not self.env.context.get("dealer_base_state_change"):
            # The lifecycle only moves through its buttons, which check rights.
            raise UserError(_("Use the dealer's approval buttons to change its status."))
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS: the dealer lifecycle
    # ------------------------------------------------------------

    def _check_dealer_manager(self):
        if not (self.env.su or self.env.user.has_group("dealer_base.group_dealer_manager")):
            raise AccessError(_("Only a Dealer Manager can approve, reject, suspend or reactivate dealers."))

    def _dealer_set_state(self, state, **extra):
        self.with_context(dealer_base_state_change=True).write(dict(extra, dealer_state=state))

    def _check_dealer_state(self, allowed, action):
        for partner in self:
            if not partner.is_dealer:
                raise UserError(_("%s is not a dealer.", partner.name))
            if partner.dealer_state not in allowed:
                state_label = dict(DEALER_STATES)[partner.dealer_state]
                raise UserError(
                    _(
                        "Dealer %(dealer)s cannot be %(action)s from status %(state)s.",
                        dealer=partner.name,
                        action=action,
                        state=state_label,
                    )
                )

    def action_dealer_submit(self):
        """Prospect -> pending approval (a salesperson sends the file for review)."""
        self._check_dealer_state(["prospect"], _("submitted"))
        self.check_access("write")
        self._dealer_set_state("pending")
        return True

    def action_dealer_approve(self):
        """Pending -> active; the dealer's contacts get portal access."""
        self._check_dealer_manager()
        self._check_dealer_state(["pending"], _("approved"))
        for partner in self:
            missing = partner._get_dealer_activation_missing()
            if missing:
                raise UserError(
                    _(
                        "Dealer %(dealer)s cannot be approved yet, it lacks: %(missing)s.",
                        dealer=partner.name,
                        missing=", ".join(missing),
                    )
                )
        self._dealer_set_state(
            "active", dealer_suspend_reason=False, dealer_activation_date=fields.Date.context_today(self)
        )
        self._dealer_grant_portal_access()
        return True

    def action_dealer_reactivate(self):
        """Suspended -> active: ordering is allowed again."""
        self._check_dealer_manager()
        self._check_dealer_state(["suspended"], _("reactivated"))
        self._dealer_set_state("active", dealer_suspend_reason=False)
        self._dealer_grant_portal_access()
        return True

    def action_dealer_reset(self):
        """Back to prospect, e.g. to complete a file returned by the reviewer."""
        self._check_dealer_manager()
        self._check_dealer_state(["pending"], _("reset to prospect"))
        self._dealer_set_state("prospect")
        return True

    def _action_dealer_suspend(self, reason):
        """Active -> suspended: ordering stops, history and portal read access stay."""
        self._check_dealer_manager()
        self._check_dealer_state(["active"], _("suspended"))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the suspension."))
        self._dealer_set_state("suspended", dealer_suspend_reason=reason.strip())
        for partner in self:
            partner.message_post(body=_("Dealer suspended: %s", reason.strip()))

    def _action_dealer_reject(self, reason):
        """Pending -> prospect with the reason sent to the applicant."""
        self._check_dealer_manager()
        self._check_dealer_state(["pending"], _("rejected"))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the rejection."))
        self._dealer_set_state("prospect", dealer_suspend_reason=reason.strip())
        for partner in self:
            partner.message_post(
                body=_("Application rejected: %s", reason.strip()),
                partner_ids=partner.ids,
                subtype_xmlid="mail.mt_comment",
            )

    def action_dealer_open_state_change(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner.dealer.state",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.id,
                "default_action": self.env.context.get("dealer_base_action", "suspend"),
            },
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_dealer_portal_contacts(self):
        """Hook: the partners of these dealers who get a portal login."""
        contacts = self.env["res.partner"]
        for dealer in self:
            people = dealer.child_ids.filtered(lambda c: c.type == "contact" and c.email)
            contacts |= people or dealer.filtered("email")
        return contacts

    def _dealer_grant_portal_access(self):
        contacts = self._get_dealer_portal_contacts()
        if not contacts:
            return
        wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [fields.Command.set(contacts.ids)]})
        for line in wizard.user_ids:
            if line.is_internal or (line.is_portal and line.user_id.active):
                continue
            if line.email_state != "ok":
                continue
            line.action_grant_access()
