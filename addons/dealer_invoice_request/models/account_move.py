from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.invoice_details import INVOICE_TYPES, MAX_LENGTHS, VAT_INVOICE_NUMBER_RE, normalize_vat_invoice_number


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_invoice_type = fields.Selection(
        selection=INVOICE_TYPES,
        string="Invoice Type",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The VAT invoice the dealer asked for with its order. Empty for customers outside the channel.",
    )
    # The dealer's invoice details when the invoice was made: later changes of the dealer's
    # account never rewrite the header of an issued invoice.
    dealer_invoice_title = fields.Char(string="Invoice Title", copy=False)
    dealer_invoice_tax_number = fields.Char(string="Invoice Tax Number", copy=False)
    dealer_invoice_bank = fields.Char(string="Invoice Bank", copy=False)
    dealer_invoice_bank_account = fields.Char(string="Invoice Bank Account", copy=False)
    dealer_invoice_address_phone = fields.Char(string="Invoice Address and Phone", copy=False)
    dealer_vat_invoice_number = fields.Char(
        string="VAT Invoice Number",
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The number of the VAT invoice (发票号) issued for this invoice, entered by the accountant: "
        "8 to 20 digits. Empty while the VAT invoice is still to issue.",
    )

    # ------------------------------------------------------------
    # CONSTRAINT METHODS
    # ------------------------------------------------------------

    @api.constrains("dealer_vat_invoice_number")
    def _check_dealer_vat_invoice_number(self):
        for move in self:
            number = move.dealer_vat_invoice_number
            if number and not VAT_INVOICE_NUMBER_RE.match(number):
                raise ValidationError(
                    _("The VAT invoice number %s is not valid: 8 to 20 digits.", number),
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._dealer_vat_normalize(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._dealer_vat_normalize(vals))

    @api.model
    def _dealer_vat_normalize(self, vals):
        if isinstance(vals.get("dealer_vat_invoice_number"), str):
            vals = dict(
                vals, dealer_vat_invoice_number=normalize_vat_invoice_number(vals["dealer_vat_invoice_number"]) or False
            )
        return vals

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _reverse_moves(self, default_values_list=None, cancel=False):
        # A credit note of a dealer's invoice asks for a red VAT invoice (红字发票) with the same header.
        default_values_list = default_values_list or [{} for _move in self]
        for move, defaults in zip(self, default_values_list, strict=True):
            if move.dealer_invoice_type:
                defaults.setdefault("dealer_invoice_type", move.dealer_invoice_type)
                for name in MAX_LENGTHS:
                    defaults.setdefault(name, move[name])
        return super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)
