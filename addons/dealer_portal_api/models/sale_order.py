from odoo import _, models

# The state of an order as the API tells it: stable codes a dealer's system can rely on, derived from
# the state the dealer sees in the portal (dealer_portal's _dealer_get_portal_state) and the shipments.
API_ORDER_STATES = (
    "draft",
    "submitted",
    "waiting_approval",
    "held",
    "confirmed",
    "partially_shipped",
    "shipped",
    "done",
    "cancelled",
)
PORTAL_TO_API_STATES = {
    "quotation": "draft",
    "submitted": "submitted",
    "approval": "waiting_approval",
    "review": "held",
    "cancel": "cancelled",
}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _dealer_api_state(self):
        """Hook: the API state of this order (one of API_ORDER_STATES).

        Before confirmation, the portal's own state (waiting for the dealer's approver, held by the
        brand's review or credit). After it, the shipments decide: none shipped yet is confirmed,
        some is partially_shipped, all is shipped; shipped, invoiced and paid is done. Reads what
        _compute_dealer_portal_state prefetched for all the orders at once.
        """
        self.ensure_one()
        portal_state = self.dealer_portal_state
        if portal_state in PORTAL_TO_API_STATES:
            return PORTAL_TO_API_STATES[portal_state]
        outgoing = self.picking_ids.filtered(lambda p: p.state != "cancel" and p.picking_type_code == "outgoing")
        done = outgoing.filtered(lambda p: p.state == "done")
        all_shipped = (bool(outgoing) and done == outgoing) or (not outgoing and portal_state == "paid")
        if all_shipped and portal_state == "paid":
            return "done"
        if all_shipped:
            return "shipped"
        return "partially_shipped" if done else "confirmed"

    def _dealer_api_hold_reasons(self):
        """Hook: why this order waits (texts, one per reason; empty when it does not wait)."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            return []
        reasons = []
        if self.dealer_approval_state == "waiting":
            reasons.append(_("Above the buyer's order limit: waiting for the approval of the dealer's approver."))
        if self.dealer_review_state == "review":
            reasons += [line.strip() for line in (self.dealer_review_reasons or "").splitlines() if line.strip()]
        if self.credit_state == "hold" and self.credit_hold_reason and self.credit_hold_reason.strip() not in reasons:
            reasons.append(self.credit_hold_reason.strip())
        return reasons
