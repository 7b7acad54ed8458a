import logging
import math
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.dealer_base.tools import claim_rows

_logger = logging.getLogger(__name__)


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    dealer_topup_partner_id = fields.Many2one(
        "res.partner",
        string="Deposit Top-up of",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The dealer whose deposit account (预存款) this payment tops up once it is done.",
    )
    is_dealer_topup = fields.Boolean(
        string="Deposit Top-up", compute="_compute_is_dealer_topup", store=True, readonly=True
    )

    @api.depends("dealer_topup_partner_id")
    def _compute_is_dealer_topup(self):
        for tx in self:
            tx.is_dealer_topup = bool(tx.dealer_topup_partner_id)

    def action_dealer_topup_confirm_received(self):
        """A top-up by wire transfer whose money is on the brand's bank account: done, and its
        deposit payment made (Odoo's wire transfer leaves its transactions pending)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only invoicing users confirm the money of a top-up."))
        for tx in self:
            if not tx.dealer_topup_partner_id or tx.provider_code != "custom" or tx.state != "pending":
                raise UserError(_("Transaction %s is not a wire-transfer top-up waiting for its money.", tx.reference))
        self.sudo()._set_done(_("Money received on the bank account."))
        self.sudo()._post_process()
        return True

    # ------------------------------------------------------------
    # ONE TRANSACTION PER PAYMENT FORM
    # ------------------------------------------------------------

    @api.model
    def _dealer_payment_form_transaction(self, documents, documents_field, amount, **match):
        """The transaction an identical payment form created already, else an empty recordset.

        A payment form sent twice (a double click, a retried request, a second
        tab) pays its documents once: the second request gets the draft or
        pending transaction of the first one, created within the hour, whose
        documents_field (``sale_order_ids``, ``invoice_ids`` or
        ``dealer_topup_partner_id``) holds exactly documents, for amount and
        the values of match (payer, provider, method, token, currency and
        operation, as the transaction would be created with). The documents'
        rows are claimed first (claim_rows): two identical requests at the same
        moment run one after the other, and the second, retried by Odoo, finds
        the first one's transaction.
        """
        claim_rows(documents)
        candidates = self.search(
            [
                (documents_field, "in", documents.ids),
                ("state", "in", ("draft", "pending")),
                ("create_date", ">=", fields.Datetime.now() - timedelta(hours=1)),
                *[(name, "=", value or False) for name, value in match.items()],
            ],
            order="id desc",
        )
        return candidates.filtered(
            lambda tx: tx[documents_field] == documents and tx.currency_id.compare_amounts(tx.amount, amount) == 0
        )[:1]

    # ------------------------------------------------------------
    # REFERENCE
    # ------------------------------------------------------------

    @api.model
    def _compute_reference_prefix(self, provider_code, separator, **values):
        dealer_id = values.get("dealer_topup_partner_id")
        if dealer_id:
            dealer = self.env["res.partner"].sudo().browse(dealer_id)
            return separator.join(["DEP", dealer.dealer_code or str(dealer.id)])
        return super()._compute_reference_prefix(provider_code, separator, **values)

    # ------------------------------------------------------------
    # NOTIFICATION GUARD (every transaction of a dealer)
    # ------------------------------------------------------------

    def _dealer_is_dealer_transaction(self):
        self.ensure_one()
        return bool(self.dealer_topup_partner_id or self.partner_id.commercial_partner_id.is_dealer)

    @staticmethod
    def _dealer_demo_amount_currency(notification_data):
        """Odoo's demo provider sends only the reference and the simulated state; an amount (and
        currency) given in its data is checked."""
        if notification_data.get("amount") in (None, ""):
            return None
        return notification_data.get("amount"), notification_data.get("currency") or None

    def _dealer_notification_amount_currency(self, notification_data):
        """(amount, currency code) announced by the provider's notification, or None when its data
        carries no amount. A bridge to a provider's module overrides this for its data
        (dealer_payment_asiapay)."""
        self.ensure_one()
        if self.provider_code == "demo":
            return self._dealer_demo_amount_currency(notification_data)
        return None

    def _dealer_notification_reference(self, provider_code, notification_data):
        """The transaction reference of the provider's notification, or None when unknown; a bridge to
        a provider's module overrides this for its data."""
        key = {"demo": "reference", "custom": "reference"}.get(provider_code)
        return key and notification_data.get(key)

    def _dealer_refuse_notification(self, reason):
        self.ensure_one()
        _logger.warning(
            "Refused payment notification for transaction %s (%s): %s",
            self.reference,
            self.provider_code,
            reason,
        )
        raise ValidationError(
            _(
                "The payment notification for transaction %(reference)s was refused: %(reason)s",
                reference=self.reference,
                reason=reason,
            )
        )

    def _dealer_check_notification(self, provider_code, notification_data):
        """Refuse (ValidationError, nothing changed) a notification whose reference, amount or
        currency does not match this dealer transaction."""
        self.ensure_one()
        reference = self._dealer_notification_reference(provider_code, notification_data)
        if reference is not None and str(reference) != self.reference:
            self._dealer_refuse_notification(_("it is for reference %s.", reference))
        announced = self._dealer_notification_amount_currency(notification_data)
        if not announced:
            return
        amount, currency_code = announced
        try:
            amount = float(amount)
        except (TypeError, ValueError):
            amount = math.nan
        if not math.isfinite(amount) or self.currency_id.compare_amounts(amount, self.amount) != 0:
            self._dealer_refuse_notification(
                _("its amount %(amount)s is not %(expected)s.", amount=announced[0], expected=self.amount)
            )
        if currency_code and str(currency_code).upper() != self.currency_id.name:
            self._dealer_refuse_notification(
                _(
                    "its currency %(currency)s is not %(expected)s.",
                    currency=currency_code,
                    expected=self.currency_id.name,
                )
            )

    def _dealer_lock_transactions(self):
        """Row locks: the same notification received twice at once is processed once, the second
        one after the first committed (or retried on a serialization failure)."""
        if self.ids:
            self.env.cr.execute(
                "SELECT id FROM payment_transaction WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                [tuple(self.ids)],
            )
            self.invalidate_recordset(["state", "payment_id", "is_post_processed"])

    def _get_tx_from_notification_data(self, provider_code, notification_data):
        tx = super()._get_tx_from_notification_data(provider_code, notification_data)
        if len(tx) == 1 and tx._dealer_is_dealer_transaction():
            tx._dealer_check_notification(provider_code, notification_data)
            tx._dealer_lock_transactions()
        return tx

    # ------------------------------------------------------------
    # POST-PROCESSING: one payment per transaction, top-ups into the deposit
    # ------------------------------------------------------------

    def _post_process(self):
        dealer_txs = self.filtered(lambda tx: tx._dealer_is_dealer_transaction())
        if dealer_txs:
            dealer_txs._dealer_lock_transactions()
            # A top-up's deposit movement waits for the deposit's users (orders paid from it).
            topups = dealer_txs.filtered(lambda tx: tx.dealer_topup_partner_id and tx.state == "done")
            for dealer in topups.dealer_topup_partner_id.sorted("id"):
                dealer._dealer_lock_deposit()
        return super()._post_process()

    def _create_payment(self, **extra_create_values):
        self.ensure_one()
        if self._dealer_is_dealer_transaction():
            existing = self.env["account.payment"].search([("payment_transaction_id", "=", self.id)], limit=1)
            if existing:
                # Post-processed already (the request, then the cron, or twice): never a second payment.
                self.payment_id = existing
                return existing
        if self.dealer_topup_partner_id:
            extra_create_values = dict(
                extra_create_values,
                is_dealer_deposit=True,
                partner_id=self.dealer_topup_partner_id.id,
                invoice_ids=self.env["account.move"],
            )
            journal = self.provider_id.journal_id
            if not journal.inbound_payment_method_line_ids.filtered(
                lambda line: line.payment_provider_id == self.provider_id
            ):
                # A provider without a payment method of its own (Odoo's wire transfer): the money
                # is booked with the journal's manual method, as a payment registered by hand.
                extra_create_values.setdefault("payment_method_line_id", journal.inbound_payment_method_line_ids[:1].id)
        return super()._create_payment(**extra_create_values)
