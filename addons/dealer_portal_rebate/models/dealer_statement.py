from odoo import api, models


class DealerStatement(models.Model):
    _inherit = "dealer.statement"

    @api.model
    def _dealer_statement_rebate_condition(self):
        # The credit notes created by a rebate settlement.
        return "m.dealer_rebate_settlement_id IS NOT NULL"
