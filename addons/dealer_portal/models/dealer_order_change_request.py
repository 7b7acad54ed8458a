from odoo import _, fields, models
from odoo.exceptions import UserError


class DealerOrderChangeRequest(models.Model):
    """A dealer's request to change an order that is already confirmed."""

    _name = "dealer.order.change.request"
    _description = "Dealer Order Change Request"
    _inherit = ["mail.thread"]
    _order = "id desc"

    order_id = fields.Many2one("sale.order", required=True, index=True, ondelete="cascade", readonly=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, index=True, string="Dealer")
    user_id = fields.Many2one(related="order_id.user_id", store=True, string="Salesperson")
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    description = fields.Text(string="Requested Change", required=True, readonly=True)
    requested_by_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    state = fields.Selection(
        [("new", "New"), ("done", "Done"), ("refused", "Refused")],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    answer = fields.Text(help="Shown to the dealer in the portal.")

    def _dealer_decide(self, state):
        for request in self:
            if request.state != "new":
                raise UserError(_("This change request was already answered."))
            if state == "refused" and not (request.answer or "").strip():
                raise UserError(_("Give the dealer an answer before refusing its request."))
        self.write({"state": state})
        for request in self:
            request.order_id.message_post(
                body=_(
                    "Change request %(state)s: %(answer)s",
                    state=dict(self._fields["state"]._description_selection(self.env))[state],
                    answer=request.answer or "",
                ),
                partner_ids=request.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_done(self):
        return self._dealer_decide("done")

    def action_refuse(self):
        return self._dealer_decide("refused")
