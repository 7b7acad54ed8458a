from odoo import _, api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _get_dealer_waiting_steps(self):
        # A buyer's order first waits for its dealer's approver, then for the brand's order review;
        # credit (dealer_credit) comes after the review, which decides it in the same step.
        return [
            *super()._get_dealer_waiting_steps(),
            {
                "key": "dealer_approval",
                "name": _("Waiting for the Dealer's Approver"),
                "sequence": 10,
                "domain": [("dealer_approval_state", "=", "waiting"), ("state", "in", ("draft", "sent"))],
                "action": "sale.action_quotations",
                "context": {"search_default_dealer_approval": 1},
            },
            {
                "key": "dealer_review",
                "name": _("Under Order Review"),
                "sequence": 20,
                "domain": [("dealer_review_state", "=", "review"), ("state", "in", ("draft", "sent"))],
                "action": "dealer_portal.sale_order_action_dealer_review",
            },
        ]
