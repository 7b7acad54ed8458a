from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.dealer_base.tests.common import DealerCase


class CreditCase(DealerCase):
    """Dealers A and B of dealer_base's test case, a credit manager and a CNY-priced product."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.credit_manager = new_test_user(cls.env, "t_credit_manager", groups="dealer_credit.group_credit_manager")
        cls.env["ir.config_parameter"].sudo().set_param("dealer_credit.overdue_days", 30)
        cls.product.write({"list_price": 100.0, "taxes_id": [Command.clear()], "invoice_policy": "order"})
        cls.dealer_a.credit_limit = 1000.0
        cls.dealer_b.credit_limit = 1000.0
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )

    def _order_of(self, dealer, qty=1, price=100.0, lines=1, **vals):
        return self.env["sale.order"].create(
            dict(
                {
                    "partner_id": dealer.id,
                    "order_line": [
                        Command.create({"product_id": self.product.id, "product_uom_qty": qty, "price_unit": price})
                        for _i in range(lines)
                    ],
                },
                **vals,
            )
        )

    def _invoice(self, dealer, amount, days_ago=0, move_type="out_invoice"):
        date = fields.Date.subtract(fields.Date.context_today(self.env.user), days=days_ago)
        invoice = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": dealer.id,
                "invoice_date": date,
                "date": date,
                "invoice_date_due": date,
                "invoice_line_ids": [
                    Command.create({"name": "Goods", "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()]})
                ],
            }
        )
        invoice.action_post()
        return invoice

    def _pay(self, invoices, amount=None, date=None):
        vals = {}
        if amount is not None:
            vals["amount"] = amount
        if date:
            vals["payment_date"] = date
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create(vals)
            ._create_payments()
        )

    def _deposit(self, dealer, amount):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": dealer.id,
                "amount": amount,
                "journal_id": self.bank_journal.id,
                "is_dealer_deposit": True,
            }
        )
        payment.action_post()
        return payment
