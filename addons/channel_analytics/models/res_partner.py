from dateutil.relativedelta import relativedelta

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------
    # FIELDS: the dealer scorecard (last 12 complete months)
    # ------------------------------------------------------------

    channel_amount_12m = fields.Monetary(
        string="Purchases (12 Months)", compute="_compute_channel_scorecard", currency_field="channel_currency_id"
    )
    channel_amount_prev_12m = fields.Monetary(
        string="Previous 12 Months", compute="_compute_channel_scorecard", currency_field="channel_currency_id"
    )
    channel_trend_pct = fields.Float(string="Trend (%)", compute="_compute_channel_scorecard", digits=(16, 1))
    channel_order_frequency = fields.Float(
        string="Orders per Month", compute="_compute_channel_scorecard", digits=(16, 1)
    )
    channel_on_time_rate = fields.Float(
        string="Paid on Time (%)",
        compute="_compute_channel_scorecard",
        digits=(16, 1),
        help="Invoices due in the last 12 months paid by their due date.",
    )
    channel_product_count = fields.Integer(
        string="Products Bought", compute="_compute_channel_scorecard", help="Distinct products in 12 months."
    )
    channel_currency_id = fields.Many2one("res.currency", compute="_compute_channel_scorecard")
    channel_warning_count = fields.Integer(string="Open Warnings", compute="_compute_channel_warning_count")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    def _compute_channel_scorecard(self):
        dealers = self.filtered(lambda p: p.is_dealer and p.id)
        cards = dealers._channel_scorecards()
        for partner in self:
            partner.update(partner._channel_scorecard_field_values(cards.get(partner.id, {})))

    def _compute_channel_warning_count(self):
        groups = dict(
            self.env["channel.warning"]._read_group(
                [("dealer_id", "in", self.ids), ("state", "=", "open")], ["dealer_id"], ["__count"]
            )
        )
        for partner in self:
            partner.channel_warning_count = groups.get(partner, 0)

    def _channel_scorecard_field_values(self, card):
        """Values of the scorecard fields from ``card`` (see ``_channel_scorecards``). A module adding a
        field computed by ``_compute_channel_scorecard`` extends this dict."""
        return {
            "channel_amount_12m": card.get("amount_12m", 0.0),
            "channel_amount_prev_12m": card.get("amount_prev_12m", 0.0),
            "channel_trend_pct": card.get("trend_pct", 0.0),
            "channel_order_frequency": card.get("orders_per_month", 0.0),
            "channel_on_time_rate": card.get("on_time_rate", 0.0),
            "channel_product_count": card.get("product_count", 0),
            "channel_currency_id": self.env.company.currency_id.id,
        }

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _channel_scorecard(self):
        """The scorecard of this dealer as a dict (for the back office and the dealer's portal)."""
        self.ensure_one()
        return self._channel_scorecards().get(self.id, {})

    def _channel_scorecards(self):
        """Scorecards of these dealers, {dealer id: dict}, from the summaries in a few grouped reads.

        The caller must be allowed to read the dealers; the summaries are then read for exactly them.
        """
        if not self:
            return {}
        self.check_access("read")
        today = fields.Date.context_today(self)
        start = today.replace(day=1) - relativedelta(months=12)
        prev_start = start - relativedelta(months=12)
        end = today.replace(day=1)
        company_ids = self.env.companies.ids
        base = [("dealer_id", "in", self.ids), ("company_id", "in", company_ids)]
        summary_sudo = self.env["channel.sale.summary"].sudo()
        current = {
            dealer.id: (amount, orders, products)
            for dealer, amount, orders, products in summary_sudo._read_group(
                [*base, ("month", ">=", start), ("month", "<", end)],
                ["dealer_id"],
                ["amount:sum", "order_count:sum", "product_id:count_distinct"],
            )
        }
        previous = {
            dealer.id: amount
            for dealer, amount in summary_sudo._read_group(
                [*base, ("month", ">=", prev_start), ("month", "<", start)], ["dealer_id"], ["amount:sum"]
            )
        }
        payments_sudo = self.env["channel.payment.summary"].sudo()
        payments = {
            dealer.id: (due, on_time)
            for dealer, due, on_time in payments_sudo._read_group(
                [*base, ("month", ">=", start), ("month", "<=", today)],
                ["dealer_id"],
                ["invoice_count:sum", "on_time_count:sum"],
            )
        }
        extras = self._channel_scorecard_extras(base)
        cards = {}
        for dealer in self:
            amount, orders, products = current.get(dealer.id, (0.0, 0, 0))
            prev_amount = previous.get(dealer.id, 0.0)
            due, on_time = payments.get(dealer.id, (0, 0))
            cards[dealer.id] = {
                "amount_12m": amount,
                "amount_prev_12m": prev_amount,
                "trend_pct": round(100.0 * (amount - prev_amount) / prev_amount, 1) if prev_amount else 0.0,
                "orders_per_month": round(orders / 12.0, 1),
                "on_time_rate": round(100.0 * on_time / due, 1) if due else 0.0,
                "invoices_due": due,
                "product_count": products,
                **extras.get(dealer.id, {}),
            }
        return cards

    def _channel_scorecard_extras(self, domain):
        """{dealer id: {key: value}} added to the scorecards of these dealers by other modules, read in
        a few grouped queries; ``domain`` restricts a model with ``dealer_id`` and ``company_id`` to these
        dealers and the current companies. Nothing here."""
        return {}

    def action_channel_open_warnings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("channel_analytics.channel_warning_action")
        action["domain"] = [("dealer_id", "=", self.id)]
        action["context"] = {}
        return action
