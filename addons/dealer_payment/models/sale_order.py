from odoo import _, api, fields, models
from odoo.tools import str2bool

# Whether an order paid online in full skips the credit rules (res.config.settings, default on).
PAID_ORDERS_SKIP_CREDIT = "dealer_payment.paid_orders_skip_credit"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_payment_method = fields.Selection(
        selection_add=[("online", "Online Payment")],
        ondelete={"online": "set null"},
    )

    # ------------------------------------------------------------
    # CREDIT
    # ------------------------------------------------------------

    def _dealer_credit_is_paid(self):
        """Done online payments cover the order's total: it needs no credit (when the setting is on).

        Pending, authorized or failed transactions change nothing.
        """
        if super()._dealer_credit_is_paid():
            return True
        if not str2bool(self.env["ir.config_parameter"].sudo().get_param(PAID_ORDERS_SKIP_CREDIT, "True")):
            return False
        return self.currency_id.compare_amounts(self.amount_total, 0.0) > 0 and (
            self.currency_id.compare_amounts(self._dealer_payment_done_amounts()[self.id], self.amount_total) >= 0
        )

    # ------------------------------------------------------------
    # ONLINE PAYMENT
    # ------------------------------------------------------------

    @api.model
    def _get_dealer_portal_action_role(self, action):
        # Paying an order online is part of ordering: the buyer role.
        if action == "pay":
            return "buyer"
        return super()._get_dealer_portal_action_role(action)

    def _dealer_payment_done_amounts(self):
        """{order id: amount of its done transactions in the order's currency}, one query for all."""
        self.env["payment.transaction"].flush_model(["state", "amount", "currency_id"])
        self.env.cr.execute(
            """
            SELECT rel.sale_order_id, COALESCE(SUM(tx.amount), 0)
              FROM sale_order_transaction_rel rel
              JOIN payment_transaction tx ON tx.id = rel.transaction_id
              JOIN sale_order so ON so.id = rel.sale_order_id
             WHERE rel.sale_order_id = ANY(%s)
               AND tx.state = 'done'
               AND tx.currency_id = so.currency_id
          GROUP BY rel.sale_order_id
            """,
            [list(self._origin.ids)],
        )
        done = dict(self.env.cr.fetchall())
        return {order.id: done.get(order._origin.id, 0.0) for order in self}

    def _dealer_payment_due_amounts(self):
        """{order id: what the dealer still pays online for it}: the total less its authorized and
        done transactions and what its deposit paid; 0 when the dealer cannot pay it online (a cart,
        an order waiting for the dealer's approver, cancelled, or already paid).

        A fixed number of queries whatever the number of orders.
        """
        orders = self.sudo()
        orders.mapped("transaction_ids.state")
        orders.mapped("invoice_ids.amount_residual")
        deposit_paid = {order.id: order.dealer_deposit_paid for order in orders}
        due = {}
        for order in orders:
            invoices = order._dealer_payment_open_invoices()
            payable = order.partner_id.dealer_id and not order.dealer_cart_user_id and order.amount_total > 0
            if order.state in ("draft", "sent"):
                # Only a quotation the brand's review holds: paying it settles its credit; a quotation
                # waiting for the dealer's own approver is not ordered yet.
                payable = payable and order.dealer_submitted_date and order._dealer_payment_held()
            elif order.state == "sale":
                payable = payable and order.dealer_portal_state != "paid"
            else:
                payable = False
            if not payable:
                amount = 0.0
            elif order.invoice_status == "invoiced":
                # Invoiced in full: what its invoices still wait for, whoever paid the rest.
                amount = sum(invoices.mapped("amount_residual"))
            else:
                amount = order.amount_total - order.amount_paid - deposit_paid[order.id]
            due[order.id] = max(order.currency_id.round(amount), 0.0)
        return due

    def _dealer_payment_open_invoices(self):
        """The order's posted customer invoices still to pay: an online payment of the order pays them."""
        self.ensure_one()
        return self.sudo().invoice_ids.filtered(
            lambda move: (
                move.move_type == "out_invoice"
                and move.state == "posted"
                and move.payment_state in ("not_paid", "partial")
            )
        )

    def _dealer_payment_wire_transfer_providers(self):
        """The enabled wire-transfer providers (payment_custom) of the order's company."""
        self.ensure_one()
        return (
            self.env["payment.provider"]
            .sudo()
            .search(
                [
                    ("code", "=", "custom"),
                    ("custom_mode", "=", "wire_transfer"),
                    ("state", "in", ("enabled", "test")),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )

    def _dealer_payment_held(self):
        """Whether this quotation is held by the brand's review or on credit hold."""
        self.ensure_one()
        return self.state in ("draft", "sent") and (self.dealer_review_state == "review" or self.credit_state == "hold")

    def _dealer_payment_confirm_paid(self):
        """Confirm this held dealer order now that it is paid, when nothing but its credit held it;
        otherwise it stays under review with a note. True when confirmed."""
        self.ensure_one()
        if not self._dealer_payment_held():
            return False
        if self.dealer_review_state == "review":
            reasons = self._get_dealer_review_reasons()
            if reasons:
                self.message_post(
                    body=_("Paid online; the order still waits for the review: %s", " ".join(reasons)),
                )
                return False
            self.write({"dealer_review_state": "approved"})
        self.message_post(body=_("Paid online: confirmed, as nothing but its credit held it."))
        self.with_context(send_email=True).action_confirm()
        return self.state == "sale"
