import base64

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.dealer_base.tools import max_line_qty

from .dealer_application import sniff_document

RETURN_STATES = [
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("received", "Received"),
    ("refunded", "Credit Note Issued"),
]
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_COUNT = 5
# States in which a return still holds quantities that are not yet back in stock.
OPEN_STATES = ("requested", "approved")


class DealerReturn(models.Model):
    """A dealer's request to return delivered goods (售后)."""

    _name = "dealer.return"
    _description = "Dealer Return Request"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, index=True, readonly=True, ondelete="restrict"
    )
    order_id = fields.Many2one(
        "sale.order", required=True, index=True, readonly=True, ondelete="restrict", check_company=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    state = fields.Selection(RETURN_STATES, required=True, default="requested", tracking=True, index=True)
    reason = fields.Text(required=True, readonly=True)
    reject_reason = fields.Text(string="Reason for Rejection", tracking=True)
    line_ids = fields.One2many("dealer.return.line", "return_id", string="Lines", readonly=True)
    photo_ids = fields.Many2many("ir.attachment", string="Photos", readonly=True)
    picking_ids = fields.Many2many("stock.picking", string="Return Transfers", readonly=True, copy=False)
    credit_note_id = fields.Many2one("account.move", readonly=True, copy=False)
    user_id = fields.Many2one("res.users", string="Requested By", readonly=True)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.return") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------
    # PORTAL: REQUEST
    # ------------------------------------------------------------

    @api.model
    def _dealer_returnable_quantities(self, order):
        """sale line -> quantity that may still be requested: delivered minus open requests.

        Quantities already received back are out of the delivered quantity
        (Odoo lowers it when a return marked "to refund" is done).
        """
        lines = order.order_line.filtered(lambda line: not line.display_type and line.product_id.type == "consu")
        requested = dict(
            self.env["dealer.return.line"]
            .sudo()
            ._read_group(
                [("sale_line_id", "in", lines.ids), ("return_id.state", "in", OPEN_STATES)],
                ["sale_line_id"],
                ["quantity:sum"],
            )
        )
        return {line: max(line.qty_delivered - requested.get(line, 0.0), 0.0) for line in lines}

    @api.model
    def _dealer_check_return_quantities(self, order, quantities):
        """Line commands of the requested quantities; UserError listing every bad line."""
        returnable = self._dealer_returnable_quantities(order)
        by_id = {line.id: line for line in returnable}
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        maximum = max_line_qty(self.env)
        SaleOrder = self.env["sale.order"]
        line_vals = []
        errors = []
        for raw_id, raw_qty in quantities.items():
            line = by_id.get(int(raw_id)) if str(raw_id).isdigit() else None
            if not line:
                errors.append(_("Line %s is not a delivered product of this order.", raw_id))
                continue
            qty = SaleOrder._dealer_portal_parse_qty(raw_qty)
            if qty is None or qty < 0:
                errors.append(_("%s: the quantity must be a positive number.", line.product_id.display_name))
            elif qty > maximum:
                # Checked before any rounding: float rounding overflows on the largest floats.
                errors.append(SaleOrder._dealer_portal_too_much_message(line.product_id, qty, maximum))
            elif float_compare(qty, returnable[line], precision_digits=precision) > 0:
                errors.append(
                    _(
                        "%(product)s: at most %(max)s can be returned (delivered minus already returned or requested).",
                        product=line.product_id.display_name,
                        max=returnable[line],
                    )
                )
            elif not float_is_zero(qty, precision_digits=precision):
                line_vals.append(Command.create({"sale_line_id": line.id, "quantity": qty}))
        if errors:
            raise UserError("\n".join(errors))
        if not line_vals:
            raise UserError(_("Give the quantity to return of at least one line."))
        return line_vals

    @api.model
    def _dealer_check_photos(self, photos):
        if len(photos) > PHOTO_MAX_COUNT:
            raise UserError(_("Attach at most %s photos.", PHOTO_MAX_COUNT))
        for filename, data in photos:
            if len(data) > PHOTO_MAX_BYTES:
                raise UserError(_("Photo %s is larger than 5 MB.", filename))
            if not sniff_document(data, allowed=("image/jpeg", "image/png")):
                raise UserError(_("%s is not a JPEG or PNG photo.", filename))

    @api.model
    def _dealer_portal_request(self, order, quantities, reason, photos=()):
        """The current user's dealer asks to return quantities of a delivered order.

        quantities: {sale line id: quantity}; photos: [(filename, bytes)].
        Everything is checked first; UserError and nothing saved otherwise.
        """
        dealer = self.env.user.partner_id.dealer_id
        order_sudo = order.sudo()
        if not dealer or order_sudo.partner_id.commercial_partner_id != dealer:
            raise AccessError(_("This order is not one of yours."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Say why the goods are returned."))
        line_vals = self._dealer_check_return_quantities(order_sudo, quantities)
        photos = list(photos)
        self._dealer_check_photos(photos)
        return_sudo = self.sudo().create(
            {
                "partner_id": dealer.id,
                "order_id": order_sudo.id,
                "reason": reason,
                "user_id": self.env.user.id,
                "line_ids": line_vals,
            }
        )
        if photos:
            attachments = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    [
                        {
                            "name": filename,
                            "datas": base64.b64encode(data),
                            "res_model": self._name,
                            "res_id": return_sudo.id,
                        }
                        for filename, data in photos
                    ]
                )
            )
            return_sudo.photo_ids = [Command.set(attachments.ids)]
        salesperson = order_sudo.user_id or dealer.user_id
        if salesperson:
            return_sudo.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=_("Return requested by the dealer"),
                note=reason,
                user_id=salesperson.id,
            )
        return return_sudo

    # ------------------------------------------------------------
    # BACK OFFICE
    # ------------------------------------------------------------

    def _check_back_office(self):
        if not self.env.user.has_group("dealer_base.group_dealer_user"):
            raise AccessError(_("Only the brand's staff approves or rejects returns."))
        self.check_access("write")

    def action_approve(self):
        """Approve the return: the return transfer is created from the delivery (Odoo's return wizard)."""
        self._check_back_office()
        for request in self:
            if request.state != "requested":
                raise UserError(_("Return %s is not waiting for a decision.", request.name))
            pickings = request.sudo()._dealer_create_return_pickings()
            request.write({"state": "approved", "picking_ids": [Command.set(pickings.ids)]})
            request.message_post(
                body=_("Return approved; return transfer %s created.", ", ".join(pickings.mapped("name"))),
                partner_ids=request.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_reject(self):
        self._check_back_office()
        for request in self:
            if request.state != "requested":
                raise UserError(_("Return %s is not waiting for a decision.", request.name))
            if not (request.reject_reason or "").strip():
                raise UserError(_("Give the reason for the rejection of %s.", request.name))
            request.state = "rejected"
            request.message_post(
                body=_("Return rejected: %s", request.reject_reason.strip()),
                partner_ids=request.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def _dealer_create_return_pickings(self):
        """One return per delivery that shipped the requested lines, through stock.return.picking."""
        self.ensure_one()
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        remaining = {line.sale_line_id: line.quantity for line in self.line_ids}
        done_moves = self.order_id.order_line.move_ids.filtered(
            lambda m: m.state == "done" and m.picking_code == "outgoing" and m.sale_line_id in remaining
        )
        pickings = self.env["stock.picking"]
        for picking in done_moves.picking_id.sorted("id"):
            wizard = (
                self.env["stock.return.picking"]
                .with_context(active_id=picking.id, active_ids=picking.ids, active_model="stock.picking")
                .create({"picking_id": picking.id})
            )
            any_line = False
            for wizard_line in wizard.product_return_moves:
                sale_line = wizard_line.move_id.sale_line_id
                wanted = remaining.get(sale_line, 0.0)
                if float_is_zero(wanted, precision_digits=precision):
                    continue
                qty = min(wanted, wizard_line.move_id.quantity)
                wizard_line.write({"quantity": qty, "to_refund": True})
                remaining[sale_line] = wanted - qty
                any_line = True
            if any_line:
                pickings |= wizard._create_return()
        if any(float_compare(qty, 0.0, precision_digits=precision) > 0 for qty in remaining.values()):
            raise UserError(_("Return %s asks for more than was shipped.", self.name))
        return pickings

    def _dealer_on_pickings_done(self):
        """All the return transfers are done: goods are back, the credit note is issued."""
        for request in self.filtered(lambda r: r.state == "approved"):
            if all(picking.state in ("done", "cancel") for picking in request.picking_ids):
                request.state = "received"
                request._dealer_create_credit_note()

    def _dealer_create_credit_note(self):
        """Posted credit note of the received quantities at the order's prices, linked to the order lines."""
        self.ensure_one()
        order = self.order_id
        received = {}
        for move in self.picking_ids.move_ids.filtered(lambda m: m.state == "done"):
            received[move.sale_line_id] = received.get(move.sale_line_id, 0.0) + move.quantity
        invoice_lines = [
            Command.create(line._prepare_invoice_line(quantity=qty)) for line, qty in received.items() if line and qty
        ]
        if not invoice_lines:
            return self.env["account.move"]
        vals = order._prepare_invoice()
        vals.update(
            {
                "move_type": "out_refund",
                "invoice_line_ids": invoice_lines,
                "ref": _("Return %s", self.name),
                "invoice_origin": f"{order.name} / {self.name}",
            }
        )
        credit_note = self.env["account.move"].sudo().with_company(order.company_id).create(vals)
        credit_note.action_post()
        self.write({"state": "refunded", "credit_note_id": credit_note.id})
        self.message_post(
            body=_("Goods received; credit note %s issued.", credit_note.name),
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        return credit_note


class DealerReturnLine(models.Model):
    _name = "dealer.return.line"
    _description = "Dealer Return Line"

    return_id = fields.Many2one("dealer.return", required=True, index=True, ondelete="cascade")
    sale_line_id = fields.Many2one("sale.order.line", string="Order Line", required=True, index=True)
    product_id = fields.Many2one(related="sale_line_id.product_id", string="Product")
    quantity = fields.Float(digits="Product Unit of Measure", required=True)
    product_uom = fields.Many2one(related="sale_line_id.product_uom", string="Unit")

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("A returned quantity must be positive."))


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        returns = self.env["dealer.return"].sudo().search([("picking_ids", "in", self.ids), ("state", "=", "approved")])
        returns._dealer_on_pickings_done()
        return result
