from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    dealer_api_payment_journal_id = fields.Many2one(
        "account.journal",
        string="Journal of Payments Pushed by the API",
        config_parameter="dealer_api.payment_journal_id",
        domain="[('type', 'in', ('bank', 'cash')), ('company_id', '=', company_id)]",
        help="Where the payments the brand's systems push through the dealer API are recorded. "
        "Empty: the company's first bank journal.",
    )
