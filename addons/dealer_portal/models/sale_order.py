from collections import defaultdict

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero, float_round, plaintext2html

from odoo.addons.dealer_base.tools import format_number, lock_for_update, max_line_qty, parse_quantity

PORTAL_STATES = [
    ("quotation", "Quotation"),
    ("submitted", "Submitted"),
    ("approval", "Waiting for Approval"),
    ("review", "Under Review"),
    ("confirmed", "Confirmed"),
    ("preparing", "Preparing"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
    ("invoiced", "Invoiced"),
    ("paid", "Paid"),
    ("cancel", "Cancelled"),
]
# The path of an order the dealer follows on its page, and the steps where a change can be asked.
TIMELINE_STATES = ("submitted", "confirmed", "preparing", "shipped", "delivered", "invoiced", "paid")
CHANGE_REQUEST_STATES = ("confirmed", "preparing")
PAYMENT_METHODS = [
    ("credit", "Credit Terms"),
    ("deposit", "Deposit"),
    ("transfer", "Bank Transfer"),
]
REVIEW_STATES = [
    ("none", "Not Reviewed"),
    ("review", "Under Review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# Invoice payment states in which the dealer owes nothing more.
PAID_STATES = ("paid", "in_payment", "reversed")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    dealer_cart_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Cart of",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="Set while the quotation is a portal user's cart; cleared when the cart is submitted.",
    )
    dealer_submitted_date = fields.Datetime(
        string="Submitted On",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="When the dealer (or a salesperson on its behalf) submitted the order for review.",
    )
    dealer_submitted_by_id = fields.Many2one(comodel_name="res.users", string="Submitted By", copy=False, readonly=True)
    dealer_submit_key = fields.Char(
        string="Submission Key",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The key of the checkout form that submitted the order: the same form sent again shows this order.",
    )
    dealer_payment_method = fields.Selection(
        selection=PAYMENT_METHODS,
        copy=False,
        help="How the dealer pays this order: its deposit (taken at confirmation), its credit terms "
        "or a bank transfer.",
    )
    dealer_review_state = fields.Selection(
        selection=REVIEW_STATES,
        string="Order Review",
        default="none",
        required=True,
        copy=False,
        index=True,
        tracking=True,
    )
    dealer_review_reasons = fields.Text(
        string="Review Reasons",
        copy=False,
        readonly=True,
        help="Why the automatic review held the order, one reason per line.",
    )
    dealer_review_user_id = fields.Many2one(comodel_name="res.users", string="Reviewed By", copy=False, readonly=True)
    dealer_review_note = fields.Text(string="Review Note", copy=False, readonly=True)
    dealer_portal_state = fields.Selection(
        selection=PORTAL_STATES,
        string="Dealer Status",
        compute="_compute_dealer_portal_state",
        help="Where the order stands, as the dealer sees it in the portal.",
    )
    dealer_change_request_ids = fields.One2many(
        comodel_name="dealer.order.change.request",
        inverse_name="order_id",
        string="Change Requests",
        # Who may read change requests (ir.model.access.csv): everyone else reads orders as in Odoo.
        groups="base.group_portal,dealer_base.group_dealer_user",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends(
        "state",
        "dealer_review_state",
        "dealer_approval_state",
        "credit_state",
        "dealer_submitted_date",
        "picking_ids.state",
        "picking_ids.dealer_received_date",
        "invoice_ids.state",
        "invoice_ids.payment_state",
    )
    def _compute_dealer_portal_state(self):
        # One read of the transfers and invoices for all the orders (prefetched by mapped).
        self.picking_ids.mapped("state")
        self.invoice_ids.mapped("payment_state")
        for order in self:
            order.dealer_portal_state = order._dealer_get_portal_state()

    def _dealer_get_portal_state(self):
        self.ensure_one()
        if self.state == "cancel":
            return "cancel"
        if self.state in ("draft", "sent"):
            if self.dealer_approval_state == "waiting":
                return "approval"
            if self.dealer_review_state == "review" or self.credit_state == "hold":
                return "review"
            return "submitted" if self.dealer_submitted_date else "quotation"
        invoices = self.invoice_ids.filtered(lambda m: m.state == "posted" and m.move_type == "out_invoice")
        pickings = self.picking_ids.filtered(lambda p: p.state != "cancel")
        outgoing = pickings.filtered(lambda p: p.picking_type_code == "outgoing")
        done = outgoing.filtered(lambda p: p.state == "done")
        # The furthest milestone reached.
        milestones = [
            (
                "paid",
                bool(invoices)
                and self.invoice_status == "invoiced"
                and all(m.payment_state in PAID_STATES for m in invoices),
            ),
            ("invoiced", bool(invoices)),
            ("delivered", bool(outgoing) and done == outgoing and all(done.mapped("dealer_received_date"))),
            ("shipped", bool(done)),
            ("preparing", any(p.state in ("assigned", "done") for p in pickings)),
        ]
        return next((state for state, reached in milestones if reached), "confirmed")

    @api.depends("state", "order_line.price_unit", "order_line.discount", "order_line.product_uom_qty")
    def _compute_dealer_price_outdated(self):
        # Promotion lines are priced by the loyalty program, not by the price lists.
        result = super()._compute_dealer_price_outdated()
        for order in self.filtered("dealer_price_outdated"):
            outdated = order._dealer_get_outdated_lines()
            order.dealer_price_outdated = bool(outdated)
            order.dealer_price_outdated_lines = ", ".join(outdated.product_id.mapped("display_name")) or False
        return result

    def _dealer_get_outdated_lines(self):
        """Product lines whose price no longer matches the dealer's current price rules."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: line.product_id and not line.display_type and not line.is_reward_line
        )
        current = lines._dealer_get_current_prices()
        return lines.filtered(lambda line: line in current and line._dealer_price_differs(current[line][0]))

    # ------------------------------------------------------------
    # PORTAL SUBMISSION AND ORDER REVIEW (自动审核)
    # ------------------------------------------------------------

    def _dealer_portal_submit(self):
        """Submit a portal cart: the single entry point of a dealer's checkout.

        Other parts of the portal extend it (approval by the dealer's own
        approver) with super(). The order is reviewed automatically and either
        confirmed or held for the back office; returns True when confirmed.
        """
        self.ensure_one()
        self._dealer_check_submittable()
        self.write(
            {
                "dealer_cart_user_id": False,
                "dealer_submitted_date": fields.Datetime.now(),
                # A buyer's order approved by the dealer's approver keeps its buyer.
                "dealer_submitted_by_id": self.dealer_submitted_by_id.id or self.env.user.id,
            }
        )
        return self._dealer_review_and_confirm()

    def _dealer_portal_checkout_submit(self, vals, key=None):
        """Submit this cart with the checkout form's values, once, whatever the number of clicks.

        Concurrent submissions of one cart (a double click, two sessions of the
        user) run one after the other on the cart's row lock, taken before
        anything is written: only one of them ever reviews and confirms the
        order (twice, Odoo's confirmation would subscribe the dealer twice).
        The one that comes second finds the cart changed (or no longer a cart)
        and does nothing: it returns False, the order is shown as the first one
        left it. key (the form's) is kept on the order, so that the same form
        sent again later finds it (_dealer_portal_submitted_order). Returns
        True when this call submitted the cart; UserError when it cannot be
        submitted.
        """
        self.ensure_one()
        if not lock_for_update(self) or not self.dealer_cart_user_id:
            return False
        self._dealer_check_submittable()
        self.write(dict(vals, dealer_submit_key=key or False))
        self._dealer_portal_apply_promotions()
        self._dealer_portal_submit()
        return True

    @api.model
    def _dealer_portal_submitted_order(self, dealer, user, key):
        """The order of dealer that user submitted (or sees) with the checkout form of key, if any."""
        if not key:
            return self.browse()
        return self.search(
            [
                *self._dealer_portal_orders_domain(dealer, user),
                ("dealer_submit_key", "=", key),
                ("dealer_cart_user_id", "=", False),
            ],
            limit=1,
        )

    def _dealer_portal_import_running(self):
        """Whether a background job is adding an order file to this cart (half of it is there)."""
        self.ensure_one()
        return bool(
            self.env["dealer.order.import"].sudo().search_count([("cart_id", "=", self.id), ("state", "=", "applying")])
        )

    def _dealer_check_submittable(self):
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            raise UserError(_("Order %s was already submitted.", self.name))
        if not self.order_line.filtered(lambda line: line.product_id and not line.display_type):
            raise UserError(_("Your cart is empty."))
        if not self.partner_id.dealer_id:
            raise UserError(_("Order %s is not a dealer order.", self.name))
        if self._dealer_portal_import_running():
            raise UserError(_("An order file is still being added to this cart: submit it once the import is done."))
        oversized = self._dealer_portal_oversized_lines()
        if oversized:
            raise UserError(
                "\n".join(
                    self._dealer_portal_too_much_message(line.product_id, line.product_uom_qty, max_line_qty(self.env))
                    for line in oversized
                )
            )

    def action_dealer_submit_for_dealer(self):
        """代客下单: a salesperson submits a quotation for its dealer through the same review."""
        for order in self:
            order.check_access("write")
            order._dealer_check_submittable()
            order.write(
                {
                    "dealer_submitted_date": fields.Datetime.now(),
                    "dealer_submitted_by_id": self.env.user.id,
                    "dealer_payment_method": order.dealer_payment_method or "credit",
                }
            )
            order.message_post(body=_("Submitted on behalf of the dealer by %s.", self.env.user.name))
            order._dealer_review_and_confirm()
        return True

    def _dealer_review_and_confirm(self):
        """Review the order; confirm it or hold it with every reason. True when confirmed."""
        self.ensure_one()
        if self.dealer_review_state != "approved":
            reasons = self._get_dealer_review_reasons()
            if reasons:
                self._dealer_review_hold(reasons)
                return False
        self.action_confirm()
        return self.state == "sale"

    def _dealer_portal_submit_outlook(self, user):
        """What submitting this cart would lead to now, shown on the cart and checkout pages before
        the dealer submits: {"approval": why it would wait for the dealer's own approver, or False;
        "hold": the reasons the brand's review would hold it for (empty: confirmed at once)}.
        The same checks as the submission; nothing is written."""
        self.ensure_one()
        lines = self.order_line.filtered(lambda line: line.product_id and not line.display_type)
        return {"approval": False, "hold": self._get_dealer_review_reasons() if lines else []}

    def _get_dealer_review_reasons(self):
        """Hook: why this dealer order needs a person's review (list of messages, empty: confirm).

        Checks price validity, the authorised assortment, stock in the
        warehouses serving the dealer, credit, the deposit when it pays the
        order, the minimum order amount and the delivery territory (窜货).
        Queries do not grow with the number of lines.
        """
        self.ensure_one()
        dealer = self.partner_id.dealer_id
        lines = self.order_line.filtered(
            lambda line: line.product_id and not line.display_type and not line.is_reward_line
        )
        reasons = []
        outdated = self._dealer_get_outdated_lines()
        if outdated:
            reasons.append(
                _(
                    "Prices changed since the order was priced: %s.",
                    ", ".join(outdated.product_id.mapped("display_name")),
                )
            )
        refused = dealer._dealer_get_unauthorised(lines.product_id) if lines else lines.product_id
        if refused:
            reasons.append(
                _("Products outside the authorised assortment: %s.", ", ".join(refused.mapped("display_name")))
            )
        reasons += self._dealer_review_stock(dealer, lines)
        credit_reason = self._dealer_review_credit_reason()
        if credit_reason:
            reasons.append(credit_reason)
        if self.dealer_payment_method == "deposit":
            balance = dealer.sudo().with_company(self.company_id).dealer_deposit_balance
            currency = self.company_id.currency_id
            if currency.compare_amounts(self._dealer_credit_amount(), balance) > 0:
                reasons.append(
                    _(
                        "The deposit holds %(balance)s, less than the order's %(amount)s.",
                        balance=currency.format(balance),
                        amount=currency.format(self._dealer_credit_amount()),
                    )
                )
        minimum = self._dealer_min_order_amount()
        if minimum and float_compare(self.amount_untaxed, minimum, precision_rounding=self.currency_id.rounding) < 0:
            reasons.append(
                _(
                    "The order amount %(amount)s is below the minimum order amount %(minimum)s.",
                    amount=self.currency_id.format(self.amount_untaxed),
                    minimum=self.currency_id.format(minimum),
                )
            )
        if not dealer._dealer_portal_in_territory(self.partner_shipping_id):
            reasons.append(
                _(
                    "The delivery address %(address)s is outside the sales region %(region)s of %(dealer)s.",
                    address=self.partner_shipping_id.display_name,
                    region=dealer.dealer_region_id.display_name or "-",
                    dealer=dealer.name,
                )
            )
        return reasons

    def _dealer_review_credit_reason(self):
        """Why dealer_credit would hold this order at confirmation, or False (read only: no lock)."""
        self.ensure_one()
        if self._dealer_credit_is_released() or self._dealer_credit_is_paid():
            return False
        dealer = self.partner_id.dealer_id
        info = dealer._dealer_credit_info(
            self.company_id, extra_amount=self._dealer_credit_amount(), exclude_order_ids=self.ids
        )
        return dealer._get_dealer_credit_hold_reason(info, self)

    def _dealer_review_releases_credit(self):
        """True when the current user's approval of these orders also releases their credit: one
        of them would go on credit hold and the user is a Credit Manager (the release needs a note)."""
        return self.env.user.has_group("dealer_credit.group_credit_manager") and any(
            order._dealer_review_credit_reason() for order in self
        )

    def _dealer_review_stock(self, dealer, lines):
        storable = lines.filtered(lambda line: line.product_id.is_storable)
        if not storable:
            return []
        wanted = defaultdict(float)
        for line in storable:
            wanted[line.product_id] += line.product_uom._compute_quantity(line.product_uom_qty, line.product_id.uom_id)
        availability = storable.product_id.sudo()._dealer_availability(dealer)
        short = []
        for product, qty in wanted.items():
            available = availability[product.id]["qty"]
            if available is None:  # no stock module tells the quantity: nothing to hold the order for
                continue
            if float_compare(qty, available, precision_rounding=product.uom_id.rounding) > 0:
                wanted_text, available_text = (f"{value:g}" for value in (qty, available))
                short.append(
                    _(
                        "%(product)s: %(wanted)s ordered, %(available)s available",
                        product=product.display_name,
                        wanted=wanted_text,
                        available=available_text,
                    )
                )
        return [_("Not enough stock: %s.", "; ".join(short))] if short else []

    @api.model
    def _dealer_min_order_amount(self):
        value = self.env["ir.config_parameter"].sudo().get_param("dealer_portal.min_order_amount") or 0
        try:
            return max(float(value), 0.0)
        except ValueError:
            return 0.0

    def _dealer_review_hold(self, reasons):
        self.ensure_one()
        self.write({"dealer_review_state": "review", "dealer_review_reasons": "\n".join(reasons)})
        self.message_post(
            body=Markup("%s<ul>%s</ul>")
            % (_("Order held for review:"), Markup().join(Markup("<li>%s</li>") % reason for reason in reasons))
        )
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=_("Review dealer order %s", self.name),
                note=Markup("<br/>").join(reasons),
            )
        self._dealer_notify("dealer_portal.mail_template_dealer_order_held")

    def _check_dealer_reviewer(self):
        if not (self.env.su or self.env.user.has_group("dealer_base.group_dealer_manager")):
            raise AccessError(_("Only a Dealer Manager can approve or reject orders under review."))

    def _dealer_review_decide(self, decision, note):
        """Approve (confirm despite the reasons) or reject (cancel) orders under review."""
        self._check_dealer_reviewer()
        note = (note or "").strip()
        if decision == "reject" and not note:
            raise UserError(_("Give the reason for the rejection: the dealer reads it."))
        for order in self:
            if order.dealer_review_state != "review" or order.state not in ("draft", "sent"):
                raise UserError(_("Order %s is not under review.", order.name))
        releases_credit = decision == "approve" and self._dealer_review_releases_credit()
        if releases_credit and not note:
            raise UserError(_("Give a note: approving also releases the order's credit hold, which needs one."))
        waiting_credit = self.browse()
        for order in self:
            order.sudo().write(
                {
                    "dealer_review_state": "approved" if decision == "approve" else "rejected",
                    "dealer_review_user_id": self.env.user.id,
                    "dealer_review_note": note or False,
                }
            )
            order.activity_unlink(["mail.mail_activity_data_todo"])
            if decision == "approve":
                order.message_post(body=_("Review approved by %(user)s. %(note)s", user=self.env.user.name, note=note))
                order.action_confirm()
                if order.credit_state == "hold":
                    if releases_credit:
                        # One decision: the reviewer is a Credit Manager and gave the note.
                        order.action_credit_release(note)
                    else:
                        order.message_post(body=_("The order now waits for a Credit Manager's release."))
                        waiting_credit |= order
            else:
                order.message_post(
                    body=_("Review rejected by %(user)s: %(note)s", user=self.env.user.name, note=note),
                    partner_ids=order.partner_id.ids,
                    subtype_xmlid="mail.mt_comment",
                )
                order.sudo()._action_cancel()
        if waiting_credit:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "sticky": True,
                    "message": _(
                        "Approved. %s now wait(s) for a Credit Manager's release in Credit Holds.",
                        ", ".join(waiting_credit.mapped("name")),
                    ),
                    "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                },
            }
        return True

    def action_dealer_review_approve(self):
        note = self.env.context.get("dealer_portal_review_note")
        if not note and self._dealer_review_releases_credit():
            # Review and credit release in one step: the decision form asks for the note.
            return self._dealer_review_open_decision("approve")
        return self._dealer_review_decide("approve", note)

    def action_dealer_review_open_reject(self):
        return self._dealer_review_open_decision("reject")

    def _dealer_review_open_decision(self, decision):
        self.ensure_one()
        self._check_dealer_reviewer()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order.dealer.review",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id, "default_decision": decision},
        }

    # ------------------------------------------------------------
    # CONFIRMATION, DEPOSIT AND NOTIFICATIONS
    # ------------------------------------------------------------

    def _action_confirm(self):
        # The deposit pays the order when it is confirmed, never below zero (dealer_credit locks the dealer).
        for order in self.filtered(lambda o: o.dealer_payment_method == "deposit"):
            due = order._dealer_credit_amount() - order.sudo().dealer_deposit_paid
            if order.company_id.currency_id.compare_amounts(due, 0.0) > 0:
                order.sudo()._dealer_pay_from_deposit(due)
        result = super()._action_confirm()
        for order in self.filtered("dealer_submitted_date"):
            order._dealer_notify("dealer_portal.mail_template_dealer_order_confirmed")
        return result

    def _dealer_credit_hold(self, reason):
        result = super()._dealer_credit_hold(reason)
        if self.dealer_submitted_date:
            self._dealer_notify("dealer_portal.mail_template_dealer_order_held")
        return result

    def _dealer_notify(self, template_xmlid):
        """Mail and chatter message to the dealer from one of the order templates."""
        self.ensure_one()
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if template:
            self.sudo()._send_order_notification_mail(template)

    # ------------------------------------------------------------
    # DEALER ACTIONS ON SUBMITTED ORDERS
    # ------------------------------------------------------------

    def _dealer_portal_can_change(self):
        """Until it is confirmed, the dealer may cancel or change its order itself."""
        self.ensure_one()
        return self.state in ("draft", "sent") and not self.dealer_cart_user_id and bool(self.dealer_submitted_date)

    def _dealer_portal_cancel(self):
        self.ensure_one()
        if not self._dealer_portal_can_change():
            raise UserError(_("Order %s is confirmed: send a change request instead.", self.name))
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._action_cancel()
        self.message_post(body=_("Cancelled by the dealer (%s).", self.env.user.name))
        return True

    def _dealer_portal_reopen(self, user):
        """Turn a submitted, unconfirmed order back into user's cart."""
        self.ensure_one()
        if not self._dealer_portal_can_change():
            raise UserError(_("Order %s is confirmed: send a change request instead.", self.name))
        dealer = self.partner_id.commercial_partner_id
        cart = dealer._dealer_portal_cart(user=user, create=False)
        if cart and cart.order_line:
            raise UserError(_("Submit or empty your current cart before changing order %s.", self.name))
        cart.unlink()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self.write(
            {
                "dealer_cart_user_id": user.id,
                "dealer_submitted_date": False,
                "dealer_submitted_by_id": False,
                "dealer_review_state": "none",
                "dealer_review_reasons": False,
                "credit_state": "none",
                "credit_hold_reason": False,
            }
        )
        self.message_post(body=_("Reopened by the dealer (%s) to be changed.", user.name))
        return self

    def _dealer_portal_timeline(self):
        """The steps of the order's path for its page: [(state, label, "done" | "current" | "todo")].
        Empty for a cancelled order; waiting steps (approval, review) show as the current one."""
        self.ensure_one()
        state = self.dealer_portal_state
        if state in ("cancel", "quotation"):
            return []
        labels = dict(self._fields["dealer_portal_state"]._description_selection(self.env))
        steps = list(TIMELINE_STATES)
        if state in ("approval", "review"):
            steps[0] = state
        reached = steps.index(state)
        return [
            (step, labels[step], "done" if i < reached else "current" if i == reached else "todo")
            for i, step in enumerate(steps)
        ]

    def _dealer_portal_takes_change_requests(self):
        self.ensure_one()
        return self.state == "sale" and self.dealer_portal_state in CHANGE_REQUEST_STATES

    def _dealer_portal_request_change(self, text):
        """After confirmation a change goes to the back office as a request."""
        self.ensure_one()
        text = (text or "").strip()
        if not text:
            raise UserError(_("Describe the change you need."))
        if not self._dealer_portal_takes_change_requests():
            raise UserError(
                _("Only confirmed orders not shipped yet take change requests: for shipped goods, request a return.")
            )
        request = self.env["dealer.order.change.request"].create({"order_id": self.id, "description": text})
        self.message_post(body=_("Change requested by the dealer: %s", text))
        if self.user_id:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=self.user_id.id,
                summary=_("Dealer change request on %s", self.name),
                note=text,
            )
        return request

    def _dealer_portal_reorder(self, cart):
        """Copy this order's product lines into cart at today's prices.

        Returns (added, skipped): added the rows put in the cart, skipped a
        list of (product name, reason) for lines that are no longer sold or
        authorised, or whose quantity no longer fits the pack rules.
        """
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: line.product_id and not line.display_type and not line.is_reward_line
        )
        rows = [
            {"ref": line.product_id.display_name, "product_id": line.product_id.id, "qty": line.product_uom_qty}
            for line in lines
        ]
        dealer = cart.partner_id.commercial_partner_id
        valid, errors = self._dealer_portal_check_rows(dealer, rows)
        if valid:
            cart._dealer_portal_add_rows([{"ref": ref, "product_id": p.id, "qty": qty} for p, qty, ref in valid])
        return valid, errors

    def _dealer_portal_confirm_receipt(self):
        """The dealer confirms that the shipped goods arrived: the order shows as delivered."""
        self.ensure_one()
        pickings = self.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state == "done" and not p.dealer_received_date
        )
        if not pickings:
            raise UserError(_("No shipped delivery of order %s is waiting for your confirmation.", self.name))
        pickings.write({"dealer_received_date": fields.Date.context_today(self)})
        self.message_post(
            body=_("Receipt of %(pickings)s confirmed by the dealer.", pickings=", ".join(pickings.mapped("name")))
        )
        return True

    # ------------------------------------------------------------
    # CART: LINES, PROMOTIONS (sale_loyalty) AND CHECKOUT
    # ------------------------------------------------------------

    def _dealer_portal_check_cart(self):
        self.ensure_one()
        if self.state != "draft" or not self.dealer_cart_user_id:
            raise UserError(_("Order %s can no longer be changed.", self.name))

    def _dealer_portal_set_line_qty(self, line, qty):
        """Set a cart line's quantity (0 removes it) after the same checks as adding it."""
        self._dealer_portal_check_cart()
        parsed = self._dealer_portal_parse_qty(qty)
        if parsed == 0:
            return self._dealer_portal_remove_line(line)
        dealer = self.partner_id.commercial_partner_id
        _valid, errors = self._dealer_portal_check_rows(
            dealer, [{"ref": line.product_id.display_name, "product_id": line.product_id.id, "qty": qty}]
        )
        if errors:
            raise UserError("\n".join(message for _ref, message in errors))
        line.product_uom_qty = parsed
        return True

    def _dealer_portal_remove_line(self, line):
        self._dealer_portal_check_cart()
        if line.is_reward_line:
            program = line.reward_id.program_id
            if program.trigger == "auto" and not (line.coupon_id & self.applied_coupon_ids):
                raise UserError(_("%s applies automatically to every eligible order.", program.name))
            # Removing a code's reward drops the code, else the next update would bring it back.
            self.applied_coupon_ids -= line.coupon_id
            self.code_enabled_rule_ids -= program.rule_ids
            self.order_line.filtered(lambda other: other.reward_id.program_id == program).unlink()
            return True
        line.unlink()
        return True

    def _dealer_portal_apply_promotions(self):
        """Odoo's loyalty programs on this cart, the way Odoo's online shop runs them.

        Points and rewards are brought up to date, then the single reward of an
        automatic, non-nominative program is claimed: the discounts and free
        products are the ones the back office would give to the same order.
        """
        self.ensure_one()
        if self.state not in ("draft", "sent") or self._dealer_portal_oversized_lines():
            # Promotions over absurd quantities take minutes: the cart waits until the dealer fixes the line.
            return False
        self._update_programs_and_rewards()
        claimed = False
        for coupon, rewards in self._get_claimable_rewards().items():
            program = coupon.program_id
            if (
                len(program.reward_ids) != 1
                or program.is_nominative
                or (rewards.reward_type == "product" and rewards.multi_product)
                or rewards in self.order_line.reward_id
            ):
                continue
            try:
                with self.env.cr.savepoint():
                    result = self._apply_program_reward(rewards, coupon)
                claimed = claimed or "error" not in result
            except UserError:
                continue
        return claimed

    def _dealer_portal_claimable_rewards(self):
        """[(coupon, reward)] the dealer may still choose (programs with several rewards)."""
        self.ensure_one()
        applied = self.order_line.reward_id
        return [
            (coupon, reward)
            for coupon, rewards in self._get_claimable_rewards().items()
            for reward in rewards
            if reward not in applied
        ]

    def _dealer_portal_apply_code(self, code):
        """Apply a promotion or coupon code; returns an error message or False."""
        self._dealer_portal_check_cart()
        status = self._try_apply_code(code)
        if "error" in status:
            return status["error"]
        if len(status) == 1:
            coupon, rewards = next(iter(status.items()))
            if len(rewards) == 1 and not rewards.multi_product:
                result = self._apply_program_reward(rewards, coupon)
                if "error" in result:
                    return result["error"]
        self._update_programs_and_rewards()
        return False

    def _dealer_portal_claim_reward(self, reward_id):
        """Claim one reward the cart is entitled to; returns an error message or False."""
        self._dealer_portal_check_cart()
        for coupon, reward in self._dealer_portal_claimable_rewards():
            if str(reward.id) == str(reward_id):
                try:
                    result = self._apply_program_reward(reward, coupon)
                except UserError as error:
                    return str(error)
                if "error" in result:
                    return result["error"]
                self._update_programs_and_rewards()
                return False
        return _("This reward is not available for your cart.")

    def _dealer_portal_requested_date(self, value, errors):
        value = (value or "").strip()
        if not value:
            return False
        try:
            requested = fields.Date.to_date(value)
        except ValueError:
            requested = None
        if not requested:
            errors.append(_("The requested delivery date is not a date."))
        elif requested < fields.Date.context_today(self):
            errors.append(_("The requested delivery date is in the past."))
        else:
            return fields.Datetime.to_datetime(requested).replace(hour=12)
        return False

    def _dealer_portal_checkout_vals(self, form, addresses):
        """Values of the checkout form for this cart; every error at once (UserError), nothing written."""
        self._dealer_portal_check_cart()
        errors = []
        vals = {}
        address_id = str(form.get("partner_shipping_id") or "")
        address = addresses.filtered(lambda a: str(a.id) == address_id)
        if not address:
            errors.append(_("Choose one of your delivery addresses."))
        else:
            vals["partner_shipping_id"] = address.id
        reference = (form.get("client_order_ref") or "").strip()
        if len(reference) > 64:
            errors.append(_("The order reference is too long (64 characters at most)."))
        vals["client_order_ref"] = reference or False
        vals["commitment_date"] = self._dealer_portal_requested_date(form.get("commitment_date"), errors)
        note = (form.get("note") or "").strip()
        vals["note"] = plaintext2html(note) if note else False
        method = form.get("dealer_payment_method")
        # The field's selection: a module adding a way to pay (selection_add) extends it.
        if method not in self._fields["dealer_payment_method"].get_values(self.env):
            errors.append(_("Choose a payment method."))
        else:
            vals["dealer_payment_method"] = method
        if method == "deposit":
            dealer = self.partner_id.commercial_partner_id.sudo().with_company(self.company_id)
            currency = self.company_id.currency_id
            if currency.compare_amounts(self._dealer_credit_amount(), dealer.dealer_deposit_balance) > 0:
                errors.append(
                    _(
                        "Your deposit holds %(balance)s, less than the order total %(amount)s: "
                        "choose another payment method.",
                        balance=currency.format(dealer.dealer_deposit_balance),
                        amount=currency.format(self._dealer_credit_amount()),
                    )
                )
        if errors:
            raise UserError("\n".join(errors))
        return vals

    # ------------------------------------------------------------
    # PORTAL ORDER LINES: ONE CHECK FOR CATALOG, QUICK ORDER, IMPORT, REORDER
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_check_rows(self, dealer, rows):
        """Validate order rows for dealer before anything is added.

        rows: list of dicts with "ref" (what the user calls the row: a line or row
        number), "qty" (number or text) and either "product_id" or "sku" (internal
        reference or barcode). Returns (valid, errors): valid is a list of
        (product, qty, ref), errors a list of (ref, message). Queries do not grow
        with the number of rows.
        """
        Product = self.env["product.product"]
        skus = {str(row["sku"]).strip() for row in rows if row.get("sku") not in (None, "")}
        by_sku = {}
        if skus:
            found = Product.search(
                ["&", ("sale_ok", "=", True), "|", ("default_code", "in", list(skus)), ("barcode", "in", list(skus))]
            )
            for product in found:
                by_sku.setdefault(product.barcode, product)
                by_sku[product.default_code] = product
        ids = {int(row["product_id"]) for row in rows if str(row.get("product_id") or "").isdigit()}
        by_id = {p.id: p for p in Product.search([("id", "in", list(ids)), ("sale_ok", "=", True)])} if ids else {}
        maximum = max_line_qty(self.env)
        resolved = []
        errors = []
        for row in rows:
            ref = row.get("ref")
            if row.get("sku") not in (None, ""):
                sku = str(row["sku"]).strip()
                product = by_sku.get(sku)
                if not product:
                    errors.append((ref, _("Unknown product code %s.", sku)))
                    continue
            else:
                product = by_id.get(int(row["product_id"])) if str(row.get("product_id") or "").isdigit() else None
                if not product:
                    errors.append((ref, _("Unknown product.")))
                    continue
            qty = self._dealer_portal_parse_qty(row.get("qty"))
            if qty is None or qty <= 0:
                errors.append(
                    (ref, _("%(product)s: the quantity must be a positive number.", product=product.display_name))
                )
                continue
            if qty > maximum:
                errors.append((ref, self._dealer_portal_too_much_message(product, qty, maximum)))
                continue
            resolved.append((product, qty, ref))
        products = Product.union(*[product for product, _qty, _ref in resolved]) if resolved else Product
        refused = dealer._dealer_get_unauthorised(products) if products else Product
        valid = []
        for product, qty, ref in resolved:
            error = self._dealer_portal_check_qty(product, qty, refused)
            if error:
                errors.append((ref, error))
            else:
                valid.append((product, qty, ref))
        return valid, errors

    @api.model
    def _dealer_portal_parse_qty(self, value):
        return parse_quantity(value)

    @api.model
    def _dealer_portal_too_much_message(self, product, qty, maximum):
        return _(
            "%(product)s: the quantity %(qty)s is above the maximum of %(max)s per line.",
            product=product.display_name,
            qty=format_number(qty),
            max=format_number(maximum),
        )

    def _dealer_portal_oversized_lines(self):
        """Product lines whose quantity is beyond the maximum per line (left from before the bound existed,
        or written in the back office): the cart shows them for the dealer to fix, and is not submitted."""
        maximum = max_line_qty(self.env)
        return self.order_line.filtered(
            lambda line: (
                line.product_id
                and not line.is_reward_line
                and (parse_quantity(line.product_uom_qty) is None or line.product_uom_qty > maximum)
            )
        )

    @api.model
    def _dealer_portal_check_qty(self, product, qty, refused):
        """Error message for one row of an authorised-assortment and quantity check, or None."""
        if product in refused:
            return _("%s is not in your authorised assortment.", product.display_name)
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        template = product.product_tmpl_id
        if template.dealer_min_qty and float_compare(qty, template.dealer_min_qty, precision_digits=precision) < 0:
            minimum = f"{template.dealer_min_qty:g}"
            return _("%(product)s: the minimum quantity is %(min)s.", product=product.display_name, min=minimum)
        pack = template.dealer_pack_qty
        if pack and pack != 1:
            remainder = float_round(qty % pack, precision_digits=precision)
            if not float_is_zero(remainder, precision_digits=precision) and not float_is_zero(
                pack - remainder, precision_digits=precision
            ):
                pack_text = f"{pack:g}"
                return _(
                    "%(product)s is sold in packs of %(pack)s: order a multiple of %(pack)s.",
                    product=product.display_name,
                    pack=pack_text,
                )
        return None

    def _dealer_portal_add_rows(self, rows):
        """Add rows to this cart, all or nothing.

        Every row is checked first; any error raises a UserError listing every
        bad row and nothing is added. Quantities of a product already in the
        cart are increased. Returns the valid rows as (product, qty, ref).
        """
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("Order %s can no longer be changed.", self.name))
        dealer = self.partner_id.commercial_partner_id
        valid, errors = self._dealer_portal_check_rows(dealer, rows)
        if errors:
            raise UserError("\n".join(_("%(ref)s: %(error)s", ref=ref, error=error) for ref, error in errors))
        totals = {}
        for product, qty, _ref in valid:
            totals[product] = totals.get(product, 0.0) + qty
        existing = {}
        for line in self.order_line.filtered(lambda line: not line.display_type and not line.is_reward_line):
            existing.setdefault(line.product_id, line)
        maximum = max_line_qty(self.env)
        too_much = [
            self._dealer_portal_too_much_message(product, qty + existing[product].product_uom_qty, maximum)
            if product in existing
            else self._dealer_portal_too_much_message(product, qty, maximum)
            for product, qty in totals.items()
            if qty + (existing[product].product_uom_qty if product in existing else 0.0) > maximum
        ]
        if too_much:
            raise UserError("\n".join(too_much))
        commands = []
        for product, qty in totals.items():
            line = existing.get(product)
            if line:
                commands.append(Command.update(line.id, {"product_uom_qty": line.product_uom_qty + qty}))
            else:
                commands.append(Command.create({"product_id": product.id, "product_uom_qty": qty}))
        if commands:
            self.write({"order_line": commands})
        return valid
