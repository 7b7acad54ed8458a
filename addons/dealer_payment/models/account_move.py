from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _dealer_portal_offers_transfer_declaration(self):
        # With Odoo's wire-transfer provider enabled, the invoice's payment form gives the brand's bank
        # account and a reference per payment (a pending transaction): no hand-written declaration.
        return super()._dealer_portal_offers_transfer_declaration() and not self._dealer_payment_has_wire_transfer()

    def _dealer_payment_has_wire_transfer(self):
        self.ensure_one()
        return bool(
            self.env["payment.provider"]
            .sudo()
            .search_count(
                [
                    ("code", "=", "custom"),
                    ("custom_mode", "=", "wire_transfer"),
                    ("state", "in", ("enabled", "test")),
                    ("company_id", "=", self.company_id.id),
                ],
                limit=1,
            )
        )
