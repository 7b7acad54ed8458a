"""A dealer's statement shows the credit notes of rebate settlements as rebates."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.dealer_portal.tests.common_self_service import SelfServiceCase


@tagged("post_install", "-at_install")
class TestStatementRebates(SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = cls.month_start
        cls.before = cls._move(cls, cls.dealer_a, 300.0, start - timedelta(days=10))
        cls.invoice = cls._move(cls, cls.dealer_a, 1000.0, start + timedelta(days=1))
        cls.refund = cls._move(cls, cls.dealer_a, 100.0, start + timedelta(days=2), move_type="out_refund")
        cls.payment = cls._pay(cls, cls.invoice, amount=500.0, date=start + timedelta(days=3))
        cls.Statement = cls.env["dealer.statement"]

    def test_rebate_credit_notes_are_shown_as_rebates(self):
        program = self.env["dealer.rebate.program"].create(
            {
                "name": "Statement Rebate",
                "period_type": "custom",
                "date_start": self.month_start,
                "date_end": self.month_end,
                "dealer_ids": [Command.set(self.dealer_a.ids)],
            }
        )
        settlement = self.env["dealer.rebate.settlement"].create(
            {
                "program_id": program.id,
                "dealer_id": self.dealer_a.id,
                "period_start": self.month_start,
                "period_end": self.month_end,
                "amount_rebate": 50.0,
            }
        )
        rebate = self.env["account.move"].create(
            {
                "move_type": "out_refund",
                "partner_id": self.dealer_a.id,
                "invoice_date": self.month_end,
                "date": self.month_end,
                "dealer_rebate_settlement_id": settlement.id,
                "invoice_line_ids": [
                    Command.create({"name": "Rebate", "quantity": 1, "price_unit": 50.0, "tax_ids": [Command.clear()]})
                ],
            }
        )
        rebate.action_post()
        data = self.Statement._dealer_statement_data(self.dealer_a, self.month_start, self.month_end)
        self.assertEqual((data["rebated"], data["credited"], data["closing"]), (50.0, 100.0, 650.0))
        self.assertEqual(data["lines"][-1]["kind"], "rebate")
        # The balances alone (a long period on screen) tell the rebate from the credit note the same.
        summary = self.Statement._dealer_statement_data(self.dealer_a, self.month_start, self.month_end, lines=False)
        self.assertEqual((summary["rebated"], summary["credited"], summary["closing"]), (50.0, 100.0, 650.0))

    def test_credit_notes_of_no_settlement_stay_credit_notes(self):
        data = self.Statement._dealer_statement_data(self.dealer_a, self.month_start, self.month_end)
        self.assertEqual((data["rebated"], data["credited"]), (0.0, 100.0))
        self.assertEqual([line["kind"] for line in data["lines"]], ["invoice", "credit_note", "payment"])
