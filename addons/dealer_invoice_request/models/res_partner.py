from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.invoice_details import BANK_ACCOUNT_RE, INVOICE_TYPES, MAX_LENGTHS, is_valid_uscc, normalize_code

# Who reads and edits a dealer's invoice details in the back office; the dealer's own users go
# through the portal (_dealer_invoice_portal_save), never through the partner's fields.
DETAIL_GROUPS = "sales_team.group_sale_salesman,account.group_account_invoice"
DETAIL_FIELDS = tuple(MAX_LENGTHS)


class ResPartner(models.Model):
    _inherit = "res.partner"

    dealer_invoice_title = fields.Char(
        string="Invoice Title", groups=DETAIL_GROUPS, help="The name printed on the dealer's VAT invoices (发票抬头)."
    )
    dealer_invoice_tax_number = fields.Char(
        string="Invoice Tax Number",
        groups=DETAIL_GROUPS,
        help="The dealer's taxpayer identification number (纳税人识别号): its 18-character unified social credit code.",
    )
    dealer_invoice_bank = fields.Char(
        string="Invoice Bank", groups=DETAIL_GROUPS, help="The bank of the dealer's account (开户银行)."
    )
    dealer_invoice_bank_account = fields.Char(
        string="Invoice Bank Account", groups=DETAIL_GROUPS, help="The dealer's bank account number (银行账号)."
    )
    dealer_invoice_address_phone = fields.Char(
        string="Invoice Address and Phone",
        groups=DETAIL_GROUPS,
        help="The registered address and phone (注册地址、电话).",
    )
    dealer_invoice_default_type = fields.Selection(
        selection=INVOICE_TYPES,
        string="Default Invoice Type",
        groups=DETAIL_GROUPS,
        help="The invoice type the dealer's orders ask for unless the dealer chooses another at checkout "
        "(ordinary VAT invoice when empty).",
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains(*DETAIL_FIELDS)
    def _check_dealer_invoice_details(self):
        for partner in self.sudo():
            errors = self._dealer_invoice_errors({name: partner[name] for name in DETAIL_FIELDS})
            if errors:
                raise ValidationError("\n".join(errors))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._dealer_invoice_normalize(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._dealer_invoice_normalize(vals))

    @api.model
    def _dealer_invoice_normalize(self, vals):
        if not DETAIL_FIELDS_SET & vals.keys():
            return vals
        vals = dict(vals)
        for name in DETAIL_FIELDS_SET & vals.keys():
            value = vals[name]
            if isinstance(value, str):
                value = normalize_code(value) if name == "dealer_invoice_tax_number" else " ".join(value.split())
                vals[name] = value or False
        return vals

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _dealer_invoice_errors(self, vals):
        """Every error of the invoice details vals (normalized), as messages; empty when they are right."""
        labels = self._dealer_invoice_labels()
        errors = []
        for name, maximum in MAX_LENGTHS.items():
            value = vals.get(name) or ""
            if len(value) > maximum:
                errors.append(_("%(field)s is too long (%(max)s characters at most).", field=labels[name], max=maximum))
        code = vals.get("dealer_invoice_tax_number") or ""
        if code and not is_valid_uscc(code):
            errors.append(
                _(
                    "The tax number %s is not a valid unified social credit code: 18 digits and capital letters "
                    "(without I, O, Z, S, V) ending with its check character.",
                    code,
                )
            )
        account = vals.get("dealer_invoice_bank_account") or ""
        if account and not BANK_ACCOUNT_RE.match(account):
            errors.append(_("The bank account may only hold digits, spaces and hyphens."))
        return errors

    @api.model
    def _dealer_invoice_labels(self):
        return {
            "dealer_invoice_title": _("Invoice title"),
            "dealer_invoice_tax_number": _("Tax number"),
            "dealer_invoice_bank": _("Bank"),
            "dealer_invoice_bank_account": _("Bank account"),
            "dealer_invoice_address_phone": _("Registered address and phone"),
        }

    def _dealer_invoice_details(self):
        """The invoice details of this dealer as a dict of field name to value (read with sudo)."""
        self.ensure_one()
        partner_sudo = self.sudo()
        return {name: partner_sudo[name] or False for name in DETAIL_FIELDS}

    def _dealer_invoice_missing(self):
        """Labels of the details a special VAT invoice needs and this dealer has not given."""
        self.ensure_one()
        labels = self._dealer_invoice_labels()
        return [labels[name] for name, value in self._dealer_invoice_details().items() if not value]

    @api.model
    def _dealer_invoice_check_portal_user(self):
        """The current user's dealer when the user may edit its invoice details (administrator or
        accountant of the dealer); AccessError otherwise."""
        dealer = self.env.user.partner_id.dealer_id
        if not dealer:
            raise AccessError(_("Only the users of a dealer manage its invoice details."))
        self.env["dealer.user.role"]._dealer_check_role("accountant")
        return dealer

    @api.model
    def _dealer_invoice_portal_save(self, form):
        """The dealer's administrator or accountant saves its invoice details from the portal form.

        The dealer is always the current user's own; every error at once (UserError), nothing saved.
        """
        dealer = self._dealer_invoice_check_portal_user()
        vals = self._dealer_invoice_normalize(
            {name: str(form.get(name) or "")[: MAX_LENGTHS[name] * 4] for name in DETAIL_FIELDS}
        )
        default_type = form.get("dealer_invoice_default_type") or False
        errors = self._dealer_invoice_errors(vals)
        if default_type and default_type not in dict(INVOICE_TYPES):
            errors.append(_("Choose an invoice type."))
        if default_type == "special" and not all(vals.values()):
            errors.append(_("A special VAT invoice needs every invoice detail: complete them first."))
        if errors:
            raise UserError("\n".join(errors))
        vals["dealer_invoice_default_type"] = default_type
        dealer.sudo().write(vals)
        dealer.sudo().message_post(body=_("Invoice details changed by %s in the portal.", self.env.user.name))
        return True


DETAIL_FIELDS_SET = set(DETAIL_FIELDS)
