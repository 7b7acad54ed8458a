from odoo import fields, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    dealer_api_reference = fields.Char(
        string="API Reference",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The reference the brand's system gave this payment received outside Odoo, through the dealer API.",
    )

    _sql_constraints = [
        (
            "dealer_api_reference_uniq",
            "UNIQUE(partner_id, dealer_api_reference)",
            "A payment received outside Odoo is recorded once per dealer and reference.",
        ),
    ]
