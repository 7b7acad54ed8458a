import base64
import re
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize
from odoo.tools.sql import escape_psql

DEFAULT_APPLY_RATE_LIMIT = 5
# A login is an e-mail of plain characters: no wildcard, quote or space gets into a lookup.
LOGIN_EMAIL_RE = re.compile(r"[a-z0-9][a-z0-9._+-]*@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,63}")
REGISTRY_RE = re.compile(r"[A-Z0-9][A-Z0-9./-]{1,39}")
LICENCE_MAX_BYTES = 10 * 1024 * 1024
# What a business licence may be, recognised by its first bytes, not by its name.
LICENCE_SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def sniff_document(data, allowed=("application/pdf", "image/jpeg", "image/png")):
    """The mimetype of data recognised by its magic bytes, or None when not allowed."""
    for signature, mimetype in LICENCE_SIGNATURES.items():
        if data.startswith(signature) and mimetype in allowed:
            return mimetype
    return None


def login_email(value):
    """The lower-case e-mail typed in value when it is fit for a login, else False.

    The whole value must be the address: "Name <a@b.example.com>" or "x b@c.example.com" are
    refused rather than read as another address than the one typed.
    """
    email = (value or "").strip().lower()
    return email if LOGIN_EMAIL_RE.fullmatch(email) and email_normalize(email) == email else False


def exact_ilike(value):
    """A value for ``=ilike`` that matches value itself, case aside: ``%``, ``_`` and ``\\`` are no wildcards."""
    return escape_psql(value)


class DealerApplicationAttempt(models.Model):
    """One submission of the public application form or one invitation of a colleague,
    kept to limit submissions per address and invitations per user."""

    _name = "dealer.application.attempt"
    _description = "Dealer Application Attempt"
    _order = "id desc"

    ip_address = fields.Char(string="IP Address", required=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Dealer Created", ondelete="set null")
    kind = fields.Selection(
        [("apply", "Application"), ("invite", "Invitation")], required=True, default="apply", index=True
    )
    user_id = fields.Many2one("res.users", string="Invited By", index="btree_not_null", ondelete="cascade")

    @api.autovacuum
    def _gc_attempts(self):
        self.search([("create_date", "<", fields.Datetime.now() - timedelta(days=7))]).unlink()


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_applied_online = fields.Boolean(
        string="Applied Online", readonly=True, copy=False, help="The dealer applied through the public form."
    )
    dealer_parent_may_order = fields.Boolean(
        string="Parent Dealer May Order For It",
        tracking=True,
        help="The parent dealer's portal users may place orders on behalf of this sub-dealer.",
    )

    # ------------------------------------------------------------
    # ONBOARDING
    # ------------------------------------------------------------

    @api.model
    def _dealer_apply_rate_limit(self):
        value = self.env["ir.config_parameter"].sudo().get_param("dealer_portal.apply_rate_limit")
        try:
            return max(int(value), 1) if value else DEFAULT_APPLY_RATE_LIMIT
        except ValueError:
            return DEFAULT_APPLY_RATE_LIMIT

    @api.model
    def _dealer_apply_register_attempt(self, ip_address):
        """Count this submission; raise when the address sent too many within the hour."""
        Attempt = self.env["dealer.application.attempt"].sudo()
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = Attempt.search_count(
            [("kind", "=", "apply"), ("ip_address", "=", ip_address), ("create_date", ">=", since)]
        )
        if recent >= self._dealer_apply_rate_limit():
            raise UserError(_("Too many applications from your network within the hour. Please try again later."))
        return Attempt.create({"ip_address": ip_address})

    @api.model
    def _dealer_apply_check_licence(self, data):
        if not data:
            raise UserError(_("Attach your business licence (PDF, JPEG or PNG)."))
        if len(data) > LICENCE_MAX_BYTES:
            raise UserError(_("The business licence file is larger than 10 MB."))
        if not sniff_document(data):
            raise UserError(_("The business licence must be a PDF, JPEG or PNG file."))

    @api.model
    def _dealer_apply(self, values, licence, licence_filename):
        """Create a prospect dealer from the public application form, sent for review.

        values: company_name, registry, contact_name, phone, email, region_id.
        Raises UserError, with nothing created, on missing or duplicate data.
        """
        clean = {key: (values.get(key) or "").strip() for key in ("company_name", "registry", "contact_name", "phone")}
        missing = [
            label
            for key, label in [
                ("company_name", _("company name")),
                ("registry", _("registration number")),
                ("contact_name", _("contact")),
                ("phone", _("phone")),
            ]
            if not clean[key]
        ]
        if missing:
            raise UserError(_("Please fill in: %s.", ", ".join(missing)))
        clean["registry"] = "".join(clean["registry"].split()).upper()
        if not REGISTRY_RE.fullmatch(clean["registry"]):
            raise UserError(_("The registration number may only contain letters, digits, '.', '/' and '-'."))
        email = login_email(values.get("email"))
        if not email:
            raise UserError(_("Please give a valid e-mail address."))
        region_id = str(values.get("region_id") or "")
        region = self.env["dealer.region"].sudo().browse(int(region_id)).exists() if region_id.isdigit() else False
        if not region:
            raise UserError(_("Please choose your region."))
        self._dealer_apply_check_licence(licence)
        Partner = self.sudo().with_context(active_test=False)
        if Partner.search_count([("company_registry", "=ilike", exact_ilike(clean["registry"]))], limit=1):
            raise UserError(
                _(
                    "A company with registration number %s has already applied or is already a dealer.",
                    clean["registry"],
                )
            )
        Users = self.env["res.users"].sudo().with_context(active_test=False)
        if Partner.search_count([("email_normalized", "=", email)], limit=1) or Users.search_count(
            [("login", "=ilike", exact_ilike(email))], limit=1
        ):
            raise UserError(_("The e-mail %s is already registered with us.", email))
        code = self.env["ir.sequence"].sudo().next_by_code("dealer_portal.application")
        dealer_sudo = Partner.create(
            {
                "name": clean["company_name"],
                "is_company": True,
                "is_dealer": True,
                "dealer_code": code,
                "company_registry": clean["registry"],
                "email": email,
                "phone": clean["phone"],
                "dealer_region_id": region.id,
                "country_id": region.country_id.id or False,
                "dealer_licence": base64.b64encode(licence),
                "dealer_licence_filename": licence_filename or "licence",
                "dealer_applied_online": True,
            }
        )
        Partner.create(
            {
                "name": clean["contact_name"],
                "parent_id": dealer_sudo.id,
                "type": "contact",
                "email": email,
                "phone": clean["phone"],
            }
        )
        dealer_sudo.action_dealer_submit()
        dealer_sudo.message_post(body=_("Application received through the online form; waiting for review."))
        return dealer_sudo
