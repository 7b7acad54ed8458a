"""Shared setup of the top-up tests (no test of its own): dealers A and B of dealer_credit's case
and a provider without any implementation (code ``none``), as Odoo's own payment tests make it
(``payment.tests.common.PaymentCommon``, ``account_payment.tests.common``), so that no payment
provider module beyond the add-on's dependencies is needed."""

from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command

from odoo.addons.dealer_credit.tests.common import CreditCase


@contextmanager
def dummy_payment_method_information(env):
    """account_payment's payment methods of providers, with the dummy provider's."""
    Method = env.registry["account.payment.method"]
    original = Method._get_payment_method_information

    def information(self):
        result = original(self)
        result["none"] = {"mode": "electronic", "type": ("bank",)}
        return result

    with patch.object(Method, "_get_payment_method_information", information):
        yield


def create_dummy_provider(env, company, journal, name="Dealer Test Provider"):
    """A published test provider of company that books its payments in journal."""
    unknown = env.ref("payment.payment_method_unknown")
    provider = env["payment.provider"].create(
        {
            "name": name,
            "code": "none",
            "state": "test",
            "is_published": True,
            "company_id": company.id,
            "payment_method_ids": [Command.set(unknown.ids)],
            "available_currency_ids": [Command.set(company.currency_id.ids)],
        }
    )
    unknown.active = True  # once a provider supports it, as Odoo's PaymentCommon does
    with dummy_payment_method_information(env):
        method = env["account.payment.method"].search([("code", "=", "none"), ("payment_type", "=", "inbound")])
        if not method:
            env["account.payment.method"].sudo().create(
                {"name": "Dummy method", "code": "none", "payment_type": "inbound"}
            )
        provider.journal_id = journal
    return provider


def committed_dummy_provider(case, name):
    """A dummy provider of the test's company committed by ``case`` (a ``ConcurrentCase``); its
    removal runs after that of what the test commits later (transactions, payments, dealer)."""
    company_id = case.env.company.id
    unknown_was_active = case.env.ref("payment.payment_method_unknown").active

    def create(env):
        company = env["res.company"].browse(company_id)
        journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
        return create_dummy_provider(env, company, journal, name=name).id

    def remove(env):
        provider = env["payment.provider"].browse(provider_id)
        provider.state = "disabled"
        provider.journal_id.inbound_payment_method_line_ids.filtered(
            lambda line: line.payment_provider_id == provider
        ).unlink()
        provider.unlink()
        env.ref("payment.payment_method_unknown").active = unknown_was_active
        with dummy_payment_method_information(env):
            env["account.payment.method"].search([("code", "=", "none")]).unlink()

    provider_id = case.committed(create)
    case.addCleanup(case.committed, remove)
    return provider_id


class TopupCase(CreditCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = create_dummy_provider(cls.env, cls.company, cls.bank_journal)
        cls.Transaction = cls.env["payment.transaction"]

    @classmethod
    def _topup_tx(cls, dealer, amount, partner=None, currency=None, **vals):
        """A draft top-up transaction of dealer, made by partner (the dealer's contact by default)
        as the top-up route makes it."""
        partner = partner or dealer.child_ids[:1] or dealer
        return cls.Transaction.create(
            dict(
                {
                    "provider_id": cls.provider.id,
                    "payment_method_id": cls.provider.payment_method_ids[:1].id,
                    "reference": cls.Transaction._compute_reference(
                        cls.provider.code, dealer_topup_partner_id=dealer.id
                    ),
                    "amount": amount,
                    "currency_id": (currency or cls.currency).id,
                    "partner_id": partner.id,
                    "operation": "online_redirect",
                    "dealer_topup_partner_id": dealer.id,
                },
                **vals,
            )
        )

    def _balance(self, dealer):
        return dealer._dealer_deposit_balance_locked(self.company)

    def _notify(self, tx, **data):
        """The provider's notification of tx that the payment is on its way (the data of a provider
        that finds its transaction by its ``reference``, as Odoo's wire transfer and demo do)."""
        tx._handle_notification_data("custom", dict({"reference": tx.reference}, **data))
        tx._set_pending()

    def _confirm(self, tx):
        """The money arrived: the transaction is done and post-processed, as the payment status
        page (or the cron) does it."""
        tx._set_done()
        tx._post_process()
