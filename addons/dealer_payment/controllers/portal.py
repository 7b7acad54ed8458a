from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.http import request

from odoo.addons.account_payment.controllers.payment import PaymentPortal as AccountPaymentPortal
from odoo.addons.dealer_portal.controllers.portal import DealerPortal
from odoo.addons.payment.controllers.portal import PaymentPortal

# Invoices paid in one transaction at most (a page of open invoices).
MAX_INVOICES_PER_PAYMENT = 50


class DealerPaymentPortal(DealerPortal, AccountPaymentPortal):
    """Dealers pay their orders and invoices through Odoo's payment form and providers."""

    # ------------------------------------------------------------
    # PAYMENT FORM VALUES
    # ------------------------------------------------------------

    @staticmethod
    def _dealer_payment_form_values(company, currency, amount, transaction_route, landing_route, **kwargs):
        """Odoo's payment form values (payment.form) for a payment of amount to company: its compatible
        providers, methods and tokens, as in sale's and account_payment's portal pages."""
        partner_sudo = request.env.user.partner_id
        availability_report = {}
        providers_sudo = (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(
                company.id, partner_sudo.id, amount, currency_id=currency.id, report=availability_report, **kwargs
            )
        )
        payment_methods_sudo = (
            request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(
                providers_sudo.ids, partner_sudo.id, currency_id=currency.id, report=availability_report, **kwargs
            )
        )
        tokens_sudo = request.env["payment.token"].sudo()._get_available_tokens(providers_sudo.ids, partner_sudo.id)
        return {
            "company_mismatch": not PaymentPortal._can_partner_pay_in_company(partner_sudo, company),
            "expected_company": company,
            "show_tokenize_input_mapping": PaymentPortal._compute_show_tokenize_input_mapping(providers_sudo),
            "amount": amount,
            "currency": currency,
            "partner_id": partner_sudo.id,
            "providers_sudo": providers_sudo,
            "payment_methods_sudo": payment_methods_sudo,
            "tokens_sudo": tokens_sudo,
            "availability_report": availability_report,
            "transaction_route": transaction_route,
            "landing_route": landing_route,
            "access_token": None,
        }

    def _dealer_payment_create_transaction(
        self,
        company,
        currency,
        amount,
        *,
        landing_route,
        create_values,
        kwargs,
        context_values=None,
        documents=None,
        make_reference=None,
    ):
        """A draft transaction of the logged-in user's partner for amount (computed here, never taken
        from the request) with a provider of company; its processing values. context_values (such as
        the order's id) are added to the request's values once these are checked. documents (the order
        or the invoices paid, named by the ``sale_order_ids`` or ``invoice_ids`` of create_values): the
        same form sent again gets the transaction it created (_dealer_payment_form_transaction).
        make_reference: called for the new transaction's reference only when one is created, so that
        a form sent again takes no number of a sequence."""
        self._validate_transaction_kwargs(kwargs)
        kwargs = dict(kwargs, **(context_values or {}))
        kwargs.pop("csrf_token", None)
        if kwargs.get("is_validation"):
            raise ValidationError(_("This payment form pays a document."))
        provider_ids = self._dealer_payment_form_values(company, currency, amount, "", "")["providers_sudo"].ids
        if kwargs.get("flow") == "token":
            provider_id = request.env["payment.token"].sudo().browse(int(kwargs.get("token_id") or 0)).provider_id.id
        else:
            provider_id = int(kwargs.get("provider_id") or 0)
        if provider_id not in provider_ids:
            raise ValidationError(_("This payment provider is not available for this payment."))
        kwargs.update(
            {
                "amount": amount,
                "currency_id": currency.id,
                "partner_id": request.env.user.partner_id.id,
                "landing_route": landing_route,
            }
        )
        tx_sudo = self._dealer_payment_existing_transaction(documents, create_values, kwargs)
        if not tx_sudo:
            if make_reference:
                create_values = dict(create_values, reference=make_reference())
            tx_sudo = self._create_transaction(custom_create_values=create_values, **kwargs)
        return tx_sudo._get_processing_values()

    @staticmethod
    def _dealer_payment_existing_transaction(documents, create_values, kwargs):
        """The transaction the same payment form (documents and the request's checked kwargs) created
        already, else an empty recordset; documents are named by their field in create_values."""
        Tx = request.env["payment.transaction"].sudo()
        if not documents:
            return Tx
        field = next(
            name for name in ("sale_order_ids", "invoice_ids", "dealer_topup_partner_id") if name in create_values
        )
        flow = kwargs.get("flow")
        if flow == "token":
            token_sudo = request.env["payment.token"].sudo().browse(int(kwargs.get("token_id") or 0))
            provider_id, method_id, token_id = token_sudo.provider_id.id, token_sudo.payment_method_id.id, token_sudo.id
        else:
            provider_id, method_id, token_id = (
                int(kwargs.get("provider_id") or 0),
                kwargs.get("payment_method_id"),
                False,
            )
        return Tx._dealer_payment_form_transaction(
            documents.sudo(),
            field,
            kwargs["amount"],
            partner_id=kwargs["partner_id"],
            currency_id=kwargs["currency_id"],
            provider_id=provider_id,
            payment_method_id=int(method_id or 0),
            token_id=token_id,
            operation=f"online_{flow}",
        )

    # ------------------------------------------------------------
    # ORDERS
    # ------------------------------------------------------------

    def _dealer_payment_order_values(self, order_sudo):
        """What the order page shows to pay the order online (empty: nothing to pay or not allowed)."""
        values = {
            "dealer_payment_due": 0.0,
            "dealer_wire_transfer_providers": order_sudo._dealer_payment_wire_transfer_providers(),
        }
        due = order_sudo._dealer_payment_due_amounts()[order_sudo.id]
        if not due or "pay" not in self._dealer_payment_allowed(order_sudo):
            return values
        values.update(
            self._dealer_payment_form_values(
                order_sudo.company_id,
                order_sudo.currency_id,
                due,
                f"/my/dealer/orders/{order_sudo.id}/transaction",
                f"/my/dealer/orders/{order_sudo.id}",
                sale_order_id=order_sudo.id,
            ),
            dealer_payment_due=due,
            sale_order_id=order_sudo.id,
        )
        return values

    @staticmethod
    def _dealer_payment_allowed(order_sudo):
        try:
            request.env["sale.order"]._dealer_portal_check_role("pay")
        except AccessError:
            return set()
        return {"pay"}

    @http.route()
    def portal_my_dealer_order(self, order_id, submitted=None, **kw):
        response = super().portal_my_dealer_order(order_id, submitted=submitted, **kw)
        if getattr(response, "qcontext", None) and response.qcontext.get("order"):
            response.qcontext.update(self._dealer_payment_order_values(response.qcontext["order"]))
        return response

    @http.route("/my/dealer/orders/<int:order_id>/transaction", type="json", auth="user")
    def portal_my_dealer_order_transaction(self, order_id, access_token=None, **kwargs):
        order_sudo = self._dealer_portal_order_sudo(order_id, "pay")
        due = order_sudo._dealer_payment_due_amounts()[order_sudo.id]
        if not due:
            raise ValidationError(_("Order %s has nothing left to pay online.", order_sudo.name))
        return self._dealer_payment_create_transaction(
            order_sudo.company_id,
            order_sudo.currency_id,
            due,
            landing_route=f"/my/dealer/orders/{order_sudo.id}",
            create_values={
                "sale_order_ids": [Command.set(order_sudo.ids)],
                # Its open invoices are paid by this payment (reconciled when it is done).
                "invoice_ids": [Command.set(order_sudo._dealer_payment_open_invoices().ids)],
            },
            kwargs=kwargs,
            context_values={"sale_order_id": order_sudo.id},
            documents=order_sudo,
        )

    # ------------------------------------------------------------
    # INVOICES
    # ------------------------------------------------------------

    def _dealer_payment_accountant_dealer(self):
        """The logged-in user's dealer when the user may pay its invoices (accountant role), else Forbidden."""
        dealer = self._dealer_portal_dealer()
        if not dealer or request.env.user.dealer_invoices_hidden:
            raise Forbidden()
        return dealer

    @staticmethod
    def _dealer_payment_open_invoices(dealer, invoice_ids=None):
        """The dealer's posted customer invoices still to pay (read as the user: record rules apply)."""
        domain = [
            ("commercial_partner_id", "=", dealer.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]
        if invoice_ids is not None:
            domain.append(("id", "in", invoice_ids))
        return request.env["account.move"].search(domain, order="invoice_date_due, id", limit=MAX_INVOICES_PER_PAYMENT)

    @staticmethod
    def _dealer_payment_parse_ids(invoice_ids):
        if isinstance(invoice_ids, str):
            invoice_ids = invoice_ids.split(",")
        try:
            return [int(i) for i in (invoice_ids or [])][:MAX_INVOICES_PER_PAYMENT]
        except (TypeError, ValueError):
            raise NotFound() from None

    def _dealer_payment_invoices_checked(self, dealer, invoice_ids):
        """The invoices asked for, all of them the dealer's open invoices of one company and currency."""
        ids = self._dealer_payment_parse_ids(invoice_ids)
        invoices = self._dealer_payment_open_invoices(dealer, ids)
        if not ids or len(invoices) != len(set(ids)):
            raise NotFound()
        if len(invoices.company_id) > 1 or len(invoices.currency_id) > 1:
            raise ValidationError(_("Invoices paid together share one company and one currency."))
        return invoices

    @http.route("/my/dealer/invoices/pay", type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dealer_invoices_pay(self, invoice_ids=None, **kw):
        dealer = self._dealer_payment_accountant_dealer()
        open_invoices = self._dealer_payment_open_invoices(dealer)
        values = self._dealer_layout_values("dealer_invoices_pay", dealer=dealer, open_invoices=open_invoices)
        values.update(invoices=open_invoices.browse(), error=False)
        if invoice_ids:
            # The selection form sends one invoice_ids per ticked invoice; a link may send them joined.
            invoice_ids = ",".join(request.httprequest.args.getlist("invoice_ids")) or invoice_ids
            try:
                invoices = self._dealer_payment_invoices_checked(dealer, invoice_ids)
            except ValidationError as error:
                values["error"] = str(error)
            else:
                ids = ",".join(str(i) for i in invoices.ids)
                values.update(
                    self._dealer_payment_form_values(
                        invoices.company_id,
                        invoices.currency_id,
                        sum(invoices.mapped("amount_residual")),
                        f"/my/dealer/invoices/pay/transaction?invoice_ids={ids}",
                        "/my/invoices",
                    ),
                    invoices=invoices,
                )
        return request.render("dealer_payment.portal_my_dealer_invoices_pay", values)

    @http.route("/my/dealer/invoices/pay/transaction", type="json", auth="user")
    def portal_my_dealer_invoices_pay_transaction(self, invoice_ids=None, access_token=None, **kwargs):
        dealer = self._dealer_payment_accountant_dealer()
        # The payment form posts to the route it was given: the invoices come in its query string.
        invoice_ids = invoice_ids or request.httprequest.args.get("invoice_ids")
        invoices = self._dealer_payment_invoices_checked(dealer, invoice_ids).sudo()
        company = invoices.company_id
        return self._dealer_payment_create_transaction(
            company,
            invoices.currency_id,
            sum(invoices.mapped("amount_residual")),
            landing_route="/my/invoices",
            create_values={"invoice_ids": [Command.set(invoices.ids)]},
            kwargs=kwargs,
            documents=invoices,
            make_reference=company.get_next_batch_payment_communication if len(invoices) > 1 else None,
        )

    @http.route()
    def invoice_transaction(self, invoice_id, access_token, **kwargs):
        # Odoo's payment of one invoice from its page: never by a dealer's user who may not see invoices.
        if request.env.user.dealer_invoices_hidden:
            raise ValidationError(_("Paying invoices needs the accountant role of your dealer."))
        return super().invoice_transaction(invoice_id, access_token, **kwargs)
