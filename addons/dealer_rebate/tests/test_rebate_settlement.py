from datetime import date
from unittest.mock import patch

import psycopg2

from odoo import Command
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from .common import Q1, Q2, RebateCase

UNTIL = date(2025, 12, 31)


class TestRebateSettlement(RebateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealers = cls.dealer_a | cls.dealer_b
        for index in range(2):
            cls.dealers |= cls._create_dealer(f"TC0{index}", f"Dealer C{index}", cls.sales_a)
        cls.program.dealer_ids = [Command.set(cls.dealers.ids)]

    def _settle(self, programs=None):
        return (programs or self.program)._settle_ended_periods(until=UNTIL)

    def test_settlement_creates_one_draft_credit_note_with_a_line_per_tier(self):
        self.program.tier_mode = "incremental"
        self._invoice(self.dealer_a, 400000, date(2025, 2, 1))
        self._invoice(self.dealer_b, 50000, date(2025, 2, 1))  # below the first tier
        settlements = self._settle()
        self.assertEqual(settlements.dealer_id, self.dealer_a)
        note = settlements.move_id
        self.assertEqual(note.move_type, "out_refund")
        self.assertEqual(note.state, "draft")
        self.assertEqual(note.partner_id, self.dealer_a)
        self.assertEqual((note.invoice_user_id, note.team_id), (self.sales_a, self.team_a))
        self.assertEqual(note.invoice_line_ids.mapped("price_unit"), [4000.0, 3000.0])
        self.assertEqual(note.amount_total, 7000.0)
        self.assertEqual(self._accrual(self.dealer_a).state, "settled")
        self.assertEqual(self._accrual(self.dealer_a).amount_settled, 7000.0)
        self.assertFalse(self._credit_notes(self.dealer_b))

    def test_posted_credit_note_is_open_credit_and_does_not_count_as_return(self):
        self._invoice(self.dealer_a, 300000, date(2025, 2, 1))
        settlement = self._settle()
        settlement.move_id.action_post()
        self.assertEqual(settlement.state, "posted")
        self.assertEqual(settlement.move_id.amount_residual, 9000.0)
        self.assertEqual(self._accrual(self.dealer_a).volume, 300000, "the rebate itself is no return")
        self.assertFalse(self.env["dealer.rebate.adjustment"].search([("program_id", "=", self.program.id)]))
        invoice = self._invoice(self.dealer_a, 5000, date(2025, 5, 1))
        credit_line = settlement.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        invoice.js_assign_outstanding_line(credit_line.id)
        self.assertEqual(invoice.amount_residual, 0.0)
        self.assertEqual(settlement.move_id.amount_residual, 4000.0)
        settlement.move_id.button_draft()
        self.assertEqual(settlement.state, "draft")

    def test_running_the_settlement_twice_creates_no_second_credit_note(self):
        for dealer in self.dealers:
            self._invoice(dealer, 150000, date(2025, 2, 1))
            self._invoice(dealer, 120000, date(2025, 5, 1))
        first = self._settle()
        self.assertEqual(len(first), 8)  # 4 dealers x 2 quarters
        self.assertFalse(self._settle())
        for dealer in self.dealers:
            self.assertEqual(len(self._credit_notes(dealer)), 2, dealer.name)

    def test_the_database_refuses_a_second_settlement_of_the_same_period(self):
        self._invoice(self.dealer_a, 150000, date(2025, 2, 1))
        settlement = self._settle()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation):
            self.env["dealer.rebate.settlement"].create(
                {
                    "program_id": self.program.id,
                    "dealer_id": self.dealer_a.id,
                    "period_start": settlement.period_start,
                    "period_end": settlement.period_end,
                }
            )
            self.env.flush_all()

    def test_settlement_resumes_after_a_crash_half_way(self):
        for dealer in self.dealers:
            self._invoice(dealer, 150000, date(2025, 2, 1))
        # Batches of two dealers: the job dies after the first batch, half of the dealers.
        self.env["ir.config_parameter"].set_param("dealer_rebate.settle_batch_size", 2)
        Program = type(self.program)
        original = Program._settle_accruals
        calls = []

        def crash_after_first_batch(program, accruals, adjustments):
            if calls:
                raise RuntimeError("settlement job killed")
            calls.append(accruals.dealer_id)
            return original(program, accruals, adjustments)

        # No assertRaises here: its savepoint would also undo the dealers settled before the crash.
        crashed = False
        with patch.object(Program, "_settle_accruals", crash_after_first_batch):
            try:
                self._settle()
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        done = self.env["dealer.rebate.settlement"].search([("program_id", "=", self.program.id)])
        self.assertEqual(len(done), 2, "the dealers finished before the crash stay settled")
        self.assertEqual(done.dealer_id, calls[0])
        self._settle()
        for dealer in self.dealers:
            self.assertEqual(len(self._credit_notes(dealer)), 1, dealer.name)

    def test_a_batch_meeting_a_settled_dealer_settles_the_others(self):
        # Another run settled dealer A meanwhile (e.g. a concurrent job): the batch that also
        # holds A fails on the UNIQUE constraint, then settles its other dealers one by one.
        for dealer in self.dealers:
            self._invoice(dealer, 150000, date(2025, 2, 1))
        accruals = self.program._recompute_accruals(*Q1)
        first = self.program._settle_accruals(
            accruals.filtered(lambda a: a.dealer_id == self.dealer_a), self.env["dealer.rebate.adjustment"]
        )
        self.assertEqual(first.dealer_id, self.dealer_a)
        with mute_logger("odoo.sql_db"):
            others = self.program._settle_accruals(accruals, self.env["dealer.rebate.adjustment"])
        self.assertEqual(others.dealer_id, self.dealers - self.dealer_a)
        for dealer in self.dealers:
            self.assertEqual(len(self._credit_notes(dealer)), 1, dealer.name)

    def test_cron_commits_after_each_batch_of_dealers(self):
        for dealer in self.dealers:
            self._invoice(dealer, 150000, date(2025, 2, 1))
        self.env["ir.config_parameter"].set_param("dealer_rebate.settle_batch_size", 2)
        with patch.object(self.env.cr, "commit") as commit:
            self.env["dealer.rebate.program"]._cron_settle()
        self.assertGreaterEqual(commit.call_count, 2)
        for dealer in self.dealers:
            self.assertEqual(len(self._credit_notes(dealer)), 1, dealer.name)

    def test_returns_after_settlement_are_clawed_back_in_the_next_settlement(self):
        self._invoice(self.dealer_a, 300000, date(2025, 2, 1))
        q1 = self._settle()
        self.assertEqual(q1.amount_total, 9000.0)
        self._invoice(self.dealer_a, 50000, date(2025, 3, 20), move_type="out_refund")
        adjustment = self.env["dealer.rebate.adjustment"].search([("dealer_id", "=", self.dealer_a.id)])
        self.assertEqual(adjustment.amount, -4000.0)  # 9,000 paid, 250,000 x 2 % = 5,000 earned
        self.assertEqual(q1.move_id.amount_total, 9000.0, "the settled credit note is left alone")
        self._invoice(self.dealer_a, 400000, date(2025, 5, 1))
        q2 = self._settle()
        self.assertEqual((q2.period_start, q2.period_end), Q2)
        self.assertEqual(q2.adjustment_ids, adjustment)
        self.assertEqual(q2.move_id.amount_total, 8000.0)  # 12,000 - 4,000
        self.assertEqual(sorted(q2.move_id.invoice_line_ids.mapped("price_unit")), [-4000.0, 12000.0])

    def test_clawback_larger_than_next_rebate_is_carried_over(self):
        self._invoice(self.dealer_a, 300000, date(2025, 2, 1))
        self._settle()
        self._invoice(self.dealer_a, 300000, date(2025, 3, 20), move_type="out_refund")
        self._invoice(self.dealer_a, 100000, date(2025, 5, 1))
        q2 = self._settle()
        self.assertEqual(q2.state, "empty")
        self.assertFalse(q2.move_id)
        carry = self.env["dealer.rebate.adjustment"].search([("is_carry_over", "=", True)])
        self.assertEqual(carry.amount, -7000.0)  # 2,000 - 9,000
        self.assertEqual(self._accrual(self.dealer_a, period=Q1).amount, 0.0)

    def test_a_cancelled_credit_note_is_settled_again_only_after_deleting_its_settlement(self):
        self._invoice(self.dealer_a, 150000, date(2025, 2, 1))
        settlement = self._settle()
        with self.assertRaisesRegex(UserError, "still has a credit note"):
            settlement.unlink()
        settlement.move_id.button_cancel()
        self.assertEqual(settlement.state, "cancel")
        self.assertFalse(self._settle(), "a cancelled credit note still blocks a second one")
        settlement.unlink()
        again = self._settle()
        self.assertEqual(again.move_id.amount_total, 3000.0)
        self.assertEqual(self._credit_notes(self.dealer_a).filtered(lambda m: m.state != "cancel"), again.move_id)
