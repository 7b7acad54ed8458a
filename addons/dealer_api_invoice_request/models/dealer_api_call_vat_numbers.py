from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.dealer_invoice_request.tools.invoice_details import (
    VAT_INVOICE_NUMBER_RE,
    normalize_vat_invoice_number,
)

MAX_VAT_ROWS = 500
MAX_INVOICE_NUMBER = 64


class DealerApiCall(models.Model):
    """The brand's invoicing system pushes the VAT invoice numbers (发票号) of dealers' invoices
    (integration keys, scope invoices:write)."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_vat_numbers_write(self, request):
        """Write the VAT invoice number (and date) of each invoice named, all or nothing.

        Only posted customer invoices and credit notes of dealers are found: any other number
        answers the same "not found" error as an unknown one. Four queries plus the writes,
        whatever the number of rows.
        """
        rows = request["payload"].get("invoices")
        if not isinstance(rows, list) or not 0 < len(rows) <= MAX_VAT_ROWS:
            message = _('The body must be an object with an "invoices" list of 1 to %s rows.', MAX_VAT_ROWS)
            return 400, self._error("invalid_payload", message)
        values, errors = self._dealer_api_vat_rows(rows)
        if errors:
            return 422, self._dealer_api_vat_refusal(errors)
        by_values = {}
        for invoice, vals in values:
            by_values.setdefault(tuple(sorted(vals.items())), self.env["account.move"])
            by_values[tuple(sorted(vals.items()))] |= invoice
        try:
            with self.env.cr.savepoint():
                for vals, invoices in by_values.items():
                    invoices.write(dict(vals))
                self.env.flush_all()
        except (UserError, ValidationError) as error:
            return 422, self._dealer_api_vat_refusal([{"row": 0, "message": str(error)}])
        return 200, {
            "status": "ok",
            "invoices": [
                {
                    "invoice": invoice.name,
                    "dealer": invoice.commercial_partner_id.dealer_code or None,
                    "vat_invoice_number": invoice.dealer_vat_invoice_number,
                    "vat_invoice_date": fields.Date.to_string(invoice.dealer_vat_invoice_date) or None,
                }
                for invoice, _vals in values
            ],
        }

    @api.model
    def _dealer_api_vat_refusal(self, errors):
        return self._error(
            "invalid_invoices", _("Nothing was saved: correct these rows and send them again."), errors=errors
        )

    @api.model
    def _dealer_api_vat_rows(self, rows):
        """([(invoice, values to write)], errors) of the rows of a call."""
        rows = [row if isinstance(row, dict) else {} for row in rows]

        def text(value):
            value = value.strip() if isinstance(value, str) else ""
            return value if 0 < len(value) <= MAX_INVOICE_NUMBER and value.isprintable() else None

        names = {text(row.get("invoice")) for row in rows} - {None}
        invoices = self.env["account.move"].search(
            [
                ("name", "in", list(names)),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("commercial_partner_id.is_dealer", "=", True),
            ]
        )
        # Read once what the rows check, whatever their number.
        invoices.fetch(["name", "invoice_date", "commercial_partner_id"])
        invoices.commercial_partner_id.fetch(["dealer_code"])
        invoice_of = {}
        for invoice in invoices:
            invoice_of.setdefault(invoice.name, self.env["account.move"])
            invoice_of[invoice.name] |= invoice
        today = fields.Date.context_today(self)
        result, errors, seen = [], [], set()
        for number, row in enumerate(rows, start=1):

            def refuse(field, message, number=number):
                errors.append({"row": number, "field": field, "message": message})

            name = text(row.get("invoice"))
            invoice = invoice_of.get(name)
            dealer_code = row.get("dealer").strip() if isinstance(row.get("dealer"), str) else ""
            if not dealer_code:
                refuse("dealer", _("Give the code of the dealer the invoice is made out to."))
                continue
            # Companies may number their invoices alike: the number and the dealer name one invoice.
            invoice = (invoice or self.env["account.move"]).filtered(
                lambda move, code=dealer_code: move.commercial_partner_id.dealer_code == code
            )
            if len(invoice) != 1:
                refuse("invoice", _("No posted invoice of a dealer has the number %s.", name or "-"))
                continue
            if invoice.id in seen:
                refuse("invoice", _("Invoice %s is given twice.", name))
                continue
            seen.add(invoice.id)
            raw = row.get("vat_invoice_number")
            vat_number = normalize_vat_invoice_number(raw) if isinstance(raw, str) and len(raw) <= 40 else ""
            if not VAT_INVOICE_NUMBER_RE.match(vat_number):
                refuse("vat_invoice_number", _("A VAT invoice number is 8 to 20 digits."))
                continue
            vals = {"dealer_vat_invoice_number": vat_number}
            if row.get("vat_invoice_date") is not None:
                day = self._parse_day(row["vat_invoice_date"], today)
                if not day or (invoice.invoice_date and day < invoice.invoice_date):
                    message = _("The VAT invoice date must be a day (2026-11-20) from the invoice's date to today.")
                    refuse("vat_invoice_date", message)
                    continue
                vals["dealer_vat_invoice_date"] = day
            result.append((invoice, vals))
        return result, errors
