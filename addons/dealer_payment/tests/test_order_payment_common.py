"""Data of the online payment tests: dealers A and B of the self-service tests and Odoo's wire-transfer
provider (payment_custom) enabled for the company. A done payment is what a provider's notification
does (_set_done, then the post-processing): no provider module of the demo is needed."""

from unittest.mock import patch

from odoo import Command, http

from odoo.addons.dealer_portal.tests.common_self_service import SelfServiceCase


class OrderPaymentCase(SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        Provider = cls.env["payment.provider"].sudo()
        # Only these providers: the tests do not depend on what else a database has enabled.
        Provider.search([("company_id", "=", cls.company.id)]).write({"state": "disabled"})
        cls.wire_transfer = cls.env.ref("payment.payment_provider_transfer").sudo()
        if cls.wire_transfer.company_id != cls.company:
            cls.wire_transfer = cls.wire_transfer.copy({"company_id": cls.company.id})
        cls.wire_transfer.write({"state": "enabled", "is_published": True})
        cls.wire_transfer.action_recompute_pending_msg()
        cls.provider = cls._dummy_provider()
        cls.payment_method = cls.provider.payment_method_ids[:1]
        cls.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", "False")
        cls.product.invoice_policy = "order"

    @classmethod
    def _dummy_provider(cls):
        """Odoo's dummy provider of its payment tests (code 'none'), with the accounting that posts its
        payments in the bank journal (as account_payment's AccountPaymentCommon)."""
        information = cls.env["account.payment.method"]._get_payment_method_information()

        def with_none(*args, **kwargs):
            return dict(information, none={"mode": "electronic", "type": ("bank",)})

        with patch.object(cls.registry["account.payment.method"], "_get_payment_method_information", with_none):
            if not cls.env["account.payment.method"].search([("code", "=", "none")]):
                cls.env["account.payment.method"].sudo().create(
                    {"name": "Dummy method", "code": "none", "payment_type": "inbound"}
                )
            redirect_form = cls.env["ir.ui.view"].create(
                {"name": "Dummy Redirect Form", "type": "qweb", "arch": '<form action="dummy" method="post"/>'}
            )
            unknown = cls.env.ref("payment.payment_method_unknown")
            provider = (
                cls.env["payment.provider"]
                .sudo()
                .create(
                    {
                        "name": "Dummy Provider",
                        "code": "none",
                        "state": "test",
                        "is_published": True,
                        "company_id": cls.company.id,
                        "payment_method_ids": [Command.set(unknown.ids)],
                        "redirect_form_view_id": redirect_form.id,
                    }
                )
            )
            provider.journal_id = cls.bank_journal
            unknown.active = True
        return provider

    def _confirmed_order(self, dealer=None, qty=2, **vals):
        order = self.env["sale.order"].create(
            dict(
                {
                    "partner_id": (dealer or self.dealer_a).id,
                    "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": qty})],
                    "dealer_payment_method": "online",
                },
                **vals,
            )
        )
        order.action_confirm()
        return order

    def _transaction(self, orders=None, invoices=None, amount=None, partner=None, **vals):
        documents = orders or invoices
        return (
            self.env["payment.transaction"]
            .sudo()
            .create(
                dict(
                    {
                        "provider_id": self.provider.id,
                        "payment_method_id": self.payment_method.id,
                        "reference": self.env["payment.transaction"]._compute_reference(
                            self.provider.code,
                            sale_order_ids=[Command.set(orders.ids)] if orders else [],
                            invoice_ids=[Command.set(invoices.ids)] if invoices else [],
                        ),
                        "amount": amount if amount is not None else sum(documents.mapped("amount_total")),
                        "currency_id": documents.currency_id.id,
                        "partner_id": (partner or self.portal_a.partner_id).id,
                        "operation": "online_redirect",
                        "sale_order_ids": [Command.set(orders.ids)] if orders else [],
                        "invoice_ids": [Command.set(invoices.ids)] if invoices else [],
                    },
                    **vals,
                )
            )
        )

    @staticmethod
    def _done(tx):
        tx._set_done()
        tx._post_process()
        return tx

    def _post(self, url, data=None, **kwargs):
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, **kwargs)

    def _cart_with(self, user, qty=2, dealer=None):
        cart = (dealer or self.dealer_a)._dealer_portal_cart(user=user)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": self.product.id, "qty": qty}])
        return cart
