from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.dealer_portal.models.dealer_statement import JOB_MIN_DAYS

from .dealer_api_call import MAX_PAGE

INVOICES_DEFAULT_LIMIT = 50
INVOICES_MAX_LIMIT = 200


class DealerApiCall(models.Model):
    """The dealer's invoices and statement of account, as its accountant reads them in the portal."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_invoices_domain(self, dealer):
        return [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("state", "=", "posted"),
            ("commercial_partner_id", "=", dealer.id),
        ]

    @api.model
    def _dealer_api_invoice_list(self, request):
        """A page of the dealer's posted invoices and credit notes, newest first (the accountant role).
        Queries do not grow with the number of invoices on the page."""
        params, dealer = request["params"], request["dealer"]
        page, page_error = self._dealer_api_int_param(params, "page", 1, MAX_PAGE)
        limit, limit_error = self._dealer_api_int_param(params, "limit", INVOICES_DEFAULT_LIMIT, INVOICES_MAX_LIMIT)
        if page_error or limit_error:
            return 400, page_error or limit_error
        _user, error = self._dealer_api_acting_user(request, "accountant")
        if error:
            return error
        Move = self.env["account.move"].sudo()
        domain = self._dealer_api_invoices_domain(dealer)
        total = Move.search_count(domain)
        invoices = Move.search(domain, limit=limit, offset=(page - 1) * limit, order="invoice_date desc, id desc")
        invoices.invoice_line_ids.sale_line_ids.order_id.mapped("name")
        return 200, self._page_answer(
            dealer, page, limit, total, invoices=[self._dealer_api_invoice_data(invoice) for invoice in invoices]
        )

    @api.model
    def _dealer_api_invoice_get(self, request):
        """One posted invoice or credit note of the dealer; another dealer's (or none) answers 404."""
        _user, error = self._dealer_api_acting_user(request, "accountant")
        if error:
            return error
        invoice_id = request["path_params"].get("invoice_id")
        domain = [("id", "=", invoice_id if isinstance(invoice_id, int) else 0)]
        invoice = (
            self.env["account.move"].sudo().search([*domain, *self._dealer_api_invoices_domain(request["dealer"])])
        )
        if not invoice:
            return 404, self._error("not_found", _("The dealer has no invoice %s.", invoice_id))
        return 200, {"status": "ok", "invoice": self._dealer_api_invoice_data(invoice)}

    @api.model
    def _dealer_api_invoice_data(self, invoice):
        to_date = fields.Date.to_string
        orders = invoice.invoice_line_ids.sale_line_ids.order_id
        return {
            "id": invoice.id,
            "number": invoice.name,
            "type": "credit_note" if invoice.move_type == "out_refund" else "invoice",
            "date": to_date(invoice.invoice_date) if invoice.invoice_date else None,
            "due_date": to_date(invoice.invoice_date_due) if invoice.invoice_date_due else None,
            "currency": invoice.currency_id.name,
            "amount_untaxed": invoice.amount_untaxed,
            "amount_tax": invoice.amount_tax,
            "amount_total": invoice.amount_total,
            "amount_residual": invoice.amount_residual,
            "payment_state": invoice.payment_state,
            "origin": invoice.invoice_origin or None,
            "orders": [{"id": order.id, "reference": order.name} for order in orders.sorted("id")],
        }

    @api.model
    def _dealer_api_statement_max_days(self):
        """The longest period whose statement lines the portal shows on its page (longer ones come in a
        file made in the background): dealer_portal's dealer_portal.statement_job_min_days."""
        value = self.env["ir.config_parameter"].sudo().get_param("dealer_portal.statement_job_min_days")
        try:
            return int(value) if value else JOB_MIN_DAYS
        except ValueError:
            return JOB_MIN_DAYS

    @api.model
    def _dealer_api_statement(self, request):
        """The dealer's statement of account for a period, as the portal's statement page computes it
        (dealer.statement._dealer_statement_data: posted receivable lines, two queries). The period is
        checked as in the portal (default: last month); a period whose lines the portal leaves to a
        background file is refused."""
        params, dealer = request["params"], request["dealer"]
        user, error = self._dealer_api_acting_user(request, "accountant")
        if error:
            return error
        Statement = self.env["dealer.statement"].sudo()
        try:
            start, end = Statement._dealer_parse_period(params.get("date_from"), params.get("date_to"))
        except UserError as refusal:
            return 400, self._error("invalid_period", str(refusal))
        if Statement._dealer_statement_in_background(start, end):
            longest = self._dealer_api_statement_max_days()
            message = _(
                "The period has %(days)s days: ask for %(max)s days at most, one period after the other.",
                days=(end - start).days + 1,
                max=longest,
            )
            return 400, self._error("period_too_long", message, max_days=longest)
        data = Statement._dealer_statement_data(dealer, start, end, company=self._dealer_api_company(dealer, user))
        to_date = fields.Date.to_string
        return 200, {
            "status": "ok",
            "dealer": dealer.dealer_code,
            "currency": data["currency"].name,
            "date_from": to_date(start),
            "date_to": to_date(end),
            "opening_balance": data["opening"],
            "invoiced": data["invoiced"],
            "credited": data["credited"],
            "rebated": data["rebated"],
            "paid": data["paid"],
            "closing_balance": data["closing"],
            "confirmation": data["answer"].state or None,
            "lines": [
                {
                    "date": to_date(line["date"]),
                    "document": line["name"],
                    "ref": line["ref"] or None,
                    "kind": line["kind"],
                    "due_date": to_date(line["due"]) if line["due"] else None,
                    "debit": line["debit"],
                    "credit": line["credit"],
                    "balance": line["balance"],
                }
                for line in data["lines"]
            ],
        }
