from odoo import models


class SaleOrder(models.Model):
    """Orders the platform holds (the brand's review, the dealer's credit) raise order.held, with why."""

    _inherit = "sale.order"

    def _dealer_review_hold(self, reasons):
        result = super()._dealer_review_hold(reasons)
        self.env["dealer.api.event"]._dealer_api_emit("order.held", self)
        return result

    def _dealer_credit_hold(self, reason):
        result = super()._dealer_credit_hold(reason)
        self.env["dealer.api.event"]._dealer_api_emit("order.held", self)
        return result

    def _dealer_api_event_payload(self, event_type):
        result = super()._dealer_api_event_payload(event_type)
        if event_type == "order.held":
            for order in self:
                holds = []
                if order.dealer_review_state == "review":
                    holds += [
                        {"kind": "review", "reason": reason}
                        for reason in (order.dealer_review_reasons or "").splitlines()
                        if reason.strip()
                    ]
                if order.credit_state == "hold":
                    holds.append({"kind": "credit", "reason": order.credit_hold_reason or ""})
                result[order.id]["holds"] = holds
        return result
