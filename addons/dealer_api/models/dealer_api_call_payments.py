import re
from datetime import date

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_round

from .dealer_api_call import ApiRefusal

MAX_PAYMENTS = 100
MAX_PAYMENT_INVOICES = 50
MAX_PAYMENT_AMOUNT = 1e12
MAX_REFERENCE = 64
# The bank journal payments received outside Odoo go to (its id); empty: the company's first bank journal.
PAYMENT_JOURNAL_PARAM = "dealer_api.payment_journal_id"
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


class DealerApiCall(models.Model):
    """The brand's systems push payments received outside Odoo (integration keys, scope payments:write)."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_payments_create(self, request):
        """Record each payment as a posted customer payment of its dealer, reconciled with the invoices named.

        All or nothing: one wrong row refuses the call (422 lists every wrong row) and nothing is
        recorded. A reference is recorded once per dealer, whatever the idempotency key.
        """
        rows = request["payload"].get("payments")
        if not isinstance(rows, list) or not 0 < len(rows) <= MAX_PAYMENTS:
            message = _('The body must be an object with a "payments" list of 1 to %s payments.', MAX_PAYMENTS)
            return 400, self._error("invalid_payload", message)
        journal = self._dealer_api_payment_journal()
        if not journal:
            message = _("No bank journal receives the payments: set one in the dealer API's settings.")
            return 422, self._error("no_journal", message)
        payments, errors = self._dealer_api_payment_rows(rows, journal)
        if errors:
            return 422, self._dealer_api_payment_refusal(errors)
        try:
            with self.env.cr.savepoint():
                records = self._dealer_api_record_payments(payments, journal)
        except ApiRefusal as refusal:
            return refusal.status, refusal.answer
        except psycopg2.errors.UniqueViolation:
            # Another call recorded one of the references in the meantime.
            errors = [{"row": 0, "message": _("One of these payments was recorded meanwhile: read them again.")}]
            return 422, self._dealer_api_payment_refusal(errors)
        return 200, {"status": "ok", "payments": [self._dealer_api_payment_answer(record) for record in records]}

    # ------------------------------------------------------------
    # SETTINGS
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_payment_journal(self):
        """The bank journal of the company for payments received outside Odoo (the configured one, or its first)."""
        Journal = self.env["account.journal"]
        company = self.env.company
        value = self.env["ir.config_parameter"].sudo().get_param(PAYMENT_JOURNAL_PARAM)
        if value and str(value).isdigit():
            journal = Journal.browse(int(value)).exists()
            if journal and journal.type in ("bank", "cash") and journal.company_id == company and journal.active:
                return journal
        return Journal.search([("type", "=", "bank"), ("company_id", "=", company.id)], order="sequence, id", limit=1)

    # ------------------------------------------------------------
    # INPUT
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_payment_refusal(self, errors):
        return self._error(
            "invalid_payments", _("Nothing was recorded: correct these payments and send them again."), errors=errors
        )

    @staticmethod
    def _dealer_api_payment_text(value, max_length=MAX_REFERENCE):
        if not isinstance(value, str):
            return None
        value = value.strip()
        return value if 0 < len(value) <= max_length and value.isprintable() else None

    @api.model
    def _dealer_api_payment_rows(self, rows, journal):
        """(payments, errors): the checked rows, or the errors of the wrong ones ({"row", "field", "message"}).

        A handful of queries whatever the number of rows: dealers, currencies, references and
        invoices are read in one search each.
        """
        rows = [row if isinstance(row, dict) else {} for row in rows]
        text = self._dealer_api_payment_text
        codes = {text(row.get("dealer")) for row in rows} - {None}
        dealers = self.env["res.partner"].search([("is_dealer", "=", True), ("dealer_code", "in", list(codes))])
        dealer_of = {dealer.dealer_code: dealer.commercial_partner_id for dealer in dealers}
        company_currency = journal.company_id.currency_id
        currency_codes = {row.get("currency") for row in rows if isinstance(row.get("currency"), str)}
        currencies = self.env["res.currency"].search([("name", "in", list(currency_codes))])
        currency_of = {currency.name: currency for currency in currencies}
        references = {text(row.get("reference")) for row in rows} - {None}
        recorded = {
            (payment.partner_id.id, payment.dealer_api_reference)
            for payment in self.env["account.payment"].search(
                [("dealer_api_reference", "in", list(references)), ("partner_id", "in", list({d.id for d in dealers}))]
            )
        }
        invoice_numbers = {
            text(number)
            for row in rows
            if isinstance(row.get("invoices"), list)
            for number in row["invoices"][:MAX_PAYMENT_INVOICES]
        } - {None}
        invoices = self.env["account.move"].search(
            [
                ("name", "in", list(invoice_numbers)),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("company_id", "=", journal.company_id.id),
                ("commercial_partner_id", "in", [d.id for d in dealer_of.values()]),
            ]
        )
        invoice_of = {(invoice.commercial_partner_id.id, invoice.name): invoice for invoice in invoices}
        known = {
            "dealers": dealer_of,
            "currencies": currency_of,
            "company_currency": company_currency,
            "recorded": recorded,
            "invoices": invoice_of,
            "today": fields.Date.context_today(self),
            "seen_references": set(),
            "seen_invoices": self.env["account.move"],
        }
        payments, errors = [], []
        for number, row in enumerate(rows, start=1):
            payment, field, message = self._dealer_api_payment_row(row, known)
            if message:
                errors.append({"row": number, "field": field, "message": message})
            else:
                payments.append(payment)
        return payments, errors

    @api.model
    def _dealer_api_payment_row(self, row, known):
        """(payment, None, None) of a row, or (None, field, error message); known: what the rows name, read
        in one search each, and what the rows before this one took (references, invoices)."""
        text = self._dealer_api_payment_text
        dealer = known["dealers"].get(text(row.get("dealer")))
        currency = known["company_currency"]
        if row.get("currency") is not None:
            code = row["currency"] if isinstance(row["currency"], str) and _CURRENCY_RE.match(row["currency"]) else None
            currency = known["currencies"].get(code)
            currency = currency if currency and currency.active else None
        amount = row.get("amount")
        amount_ok = (
            currency
            and not isinstance(amount, bool)
            and isinstance(amount, int | float)
            and 0 < amount <= MAX_PAYMENT_AMOUNT
            and float_is_zero(amount - float_round(amount, precision_rounding=currency.rounding), precision_digits=6)
        )
        day = self._parse_day(row.get("date"), known["today"], earliest=date(2000, 1, 1))
        reference = text(row.get("reference"))
        checks = (
            ("dealer", not dealer and _("No dealer has the code %s.", text(row.get("dealer")) or "-")),
            ("currency", not currency and _("The currency must be the ISO code of an active currency (CNY).")),
            (
                "amount",
                currency
                and not amount_ok
                and _(
                    "The amount must be above 0, at most %(max)s, in units of %(rounding)s.",
                    max=int(MAX_PAYMENT_AMOUNT),
                    rounding=currency.rounding,
                ),
            ),
            ("date", not day and _("The date must be a day in the form 2026-11-20, not after today.")),
            ("reference", not reference and _("Give the payment's reference (1 to 64 characters).")),
            (
                "reference",
                dealer
                and (dealer.id, reference) in known["recorded"]
                and _("Payment %s of this dealer is already recorded.", reference),
            ),
            (
                "reference",
                dealer
                and (dealer.id, reference) in known["seen_references"]
                and _("Payment %s is given twice.", reference),
            ),
        )
        field, message = next(((field, message) for field, message in checks if message), (None, None))
        if message:
            return None, field, message
        known["seen_references"].add((dealer.id, reference))
        invoices = self.env["account.move"]
        if row.get("invoices") is not None:
            invoices, message = self._dealer_api_payment_invoices(row["invoices"], dealer, currency, amount, known)
            if message:
                return None, "invoices" if not invoices else "amount", message
        payment = {
            "dealer": dealer,
            "amount": float(amount),
            "currency": currency,
            "date": day,
            "reference": reference,
            "invoices": invoices,
        }
        return payment, None, None

    @api.model
    def _dealer_api_payment_invoices(self, names, dealer, currency, amount, known):
        """(invoices, error message or None) a payment names: open invoices of its dealer in its currency,
        owing at least its amount, named by no other payment of the call. An invoice of another dealer is
        as unknown as a number that does not exist."""
        Move = self.env["account.move"]
        if not isinstance(names, list) or not 0 < len(names) <= MAX_PAYMENT_INVOICES:
            return Move, _("invoices must list 1 to %s invoice numbers.", MAX_PAYMENT_INVOICES)
        invoices, missing = Move, []
        for name in names:
            invoice = known["invoices"].get((dealer.id, self._dealer_api_payment_text(name)))
            if not invoice or float_is_zero(invoice.amount_residual, precision_rounding=currency.rounding):
                missing.append(self._dealer_api_payment_text(name) or "-")
            else:
                invoices |= invoice
        if missing:
            return Move, _("No open invoice of this dealer has the number %s.", ", ".join(missing))
        if invoices & known["seen_invoices"]:
            return Move, _("An invoice may be named by one payment of a call only.")
        known["seen_invoices"] |= invoices
        if any(invoice.currency_id != currency for invoice in invoices):
            return Move, _("The invoices must be in the payment's currency.")
        residual = sum(invoices.mapped("amount_residual"))
        if float_compare(amount, residual, precision_rounding=currency.rounding) > 0:
            message = _(
                "The payment (%(amount)s) is more than the invoices still owe (%(residual)s).",
                amount=amount,
                residual=residual,
            )
            return invoices, message
        return invoices, None

    # ------------------------------------------------------------
    # RECORDING
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_record_payments(self, payments, journal):
        """The posted payments, each reconciled with its invoices; raises ApiRefusal (rolled back)."""
        Payment = self.env["account.payment"]
        method_line = journal.inbound_payment_method_line_ids[:1]
        try:
            records = Payment.create(
                [
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": payment["dealer"].id,
                        "amount": payment["amount"],
                        "currency_id": payment["currency"].id,
                        "date": payment["date"],
                        "journal_id": journal.id,
                        "payment_method_line_id": method_line.id,
                        "memo": payment["reference"],
                        "dealer_api_reference": payment["reference"],
                    }
                    for payment in payments
                ]
            )
            records.action_post()
            for record, payment in zip(records, payments, strict=True):
                if payment["invoices"]:
                    self._dealer_api_reconcile(record, payment["invoices"])
            self.env.flush_all()
        except (UserError, ValidationError) as error:
            raise ApiRefusal(422, self._error("not_recordable", str(error))) from error
        return records

    @api.model
    def _dealer_api_reconcile(self, payment, invoices):
        """Reconcile payment with the receivable lines of invoices, as Odoo's register payment does."""
        domain = [
            ("parent_state", "=", "posted"),
            ("account_type", "in", ("asset_receivable", "liability_payable")),
            ("reconciled", "=", False),
        ]
        payment_lines = payment.move_id.line_ids.filtered_domain(domain)
        invoice_lines = invoices.line_ids.filtered_domain(domain)
        for account in payment_lines.account_id:
            (payment_lines + invoice_lines).filtered(
                lambda line, account=account: line.account_id == account
            ).reconcile()
        invoices.matched_payment_ids += payment

    @api.model
    def _dealer_api_payment_answer(self, payment):
        return {
            "reference": payment.dealer_api_reference,
            "dealer": payment.partner_id.dealer_code or None,
            "name": payment.name,
            "state": payment.state,
            "amount": payment.amount,
            "currency": payment.currency_id.name,
            "date": fields.Date.to_string(payment.date),
            "journal": payment.journal_id.name,
            "invoices": [
                {
                    "number": invoice.name,
                    "amount_residual": invoice.amount_residual,
                    "payment_state": invoice.payment_state,
                }
                for invoice in payment.reconciled_invoice_ids
            ],
        }
