from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    dealer_vat_invoice_date = fields.Date(
        string="VAT Invoice Date",
        copy=False,
        help="When the VAT invoice was issued, as the brand's invoicing system told it through the dealer API.",
    )
