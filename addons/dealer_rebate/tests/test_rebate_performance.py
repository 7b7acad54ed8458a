from datetime import date

from odoo import Command

from .common import Q1, RebateCase

UNTIL = date(2025, 12, 31)


class TestRebatePerformance(RebateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.many = cls.env["res.partner"]
        for index in range(20):
            dealer = cls._create_dealer(f"TP{index:02d}", f"Dealer P{index:02d}", cls.sales_a)
            cls._invoice(dealer, 150000 + 1000 * index, date(2025, 2, 1), lines=3)
            cls.many |= dealer

    def _count_queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def _native_credit_notes(self, dealers):
        """Odoo creating the same draft credit notes in one call: its own cost per credit note."""
        journal = self.program._get_credit_note_journal()
        account = journal.default_account_id
        return self._count_queries(
            lambda: self.env["account.move"].create(
                [
                    {
                        "move_type": "out_refund",
                        "partner_id": dealer.id,
                        "journal_id": journal.id,
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Rebate", "price_unit": 10.0, "account_id": account.id, "tax_ids": []}
                            )
                        ],
                    }
                    for dealer in dealers
                ]
            )
        )

    def test_settlement_adds_no_query_per_dealer(self):
        counts = {}
        # The first settlement fills caches (journal, sequences, accounts) that later ones reuse.
        for size in (2, 5, 20):
            program = self._create_program(name=f"P{size}", dealer_ids=[Command.set(self.many[:size].ids)])
            counts[size] = self._count_queries(lambda p=program: p._settle_ended_periods(until=UNTIL))
            self.assertEqual(len(program.settlement_ids), size)
            self.assertEqual(len(program.settlement_ids.move_id), size)
        # Odoo's account.move.create costs a few queries per credit note (fiscal position,
        # analytic distribution, sequence, sales team): the settlement itself adds none (a
        # query or two of prefetching may differ between the two).
        native = {size: self._native_credit_notes(self.many[:size]) for size in (5, 20)}
        self.assertLessEqual(counts[20] - counts[5], native[20] - native[5] + 2, (counts, native))
        self.assertLessEqual(native[20] - native[5], 15 * 6, "Odoo's own cost per credit note")

    def test_accrual_queries_do_not_grow_with_invoice_lines(self):
        small, large = self.dealer_a, self.dealer_b
        self._invoice(small, 200000, date(2025, 2, 1), lines=10)
        self._invoice(large, 200000, date(2025, 2, 1), lines=100)
        counts = {}
        for dealer in (small, large):
            program = self._create_program(name=dealer.name, dealer_ids=[Command.set(dealer.ids)])
            counts[dealer.name] = self._count_queries(lambda p=program: p._recompute_accruals(*Q1))
            self.assertEqual(self._accrual(dealer, program).volume, 200000)
        self.assertEqual(counts[small.name], counts[large.name], counts)

    def test_settlement_queries_grow_linearly_with_dealers(self):
        """Each batch of dealers costs the same queries: 2N dealers cost N dealers' queries twice over."""
        self.env["ir.config_parameter"].sudo().set_param("dealer_rebate.settle_batch_size", "2")
        warm = self._create_program(name="Warm", dealer_ids=[Command.set(self.many[:2].ids)])
        warm._settle_ended_periods(until=UNTIL)
        counts = {}
        for size, dealers in ((2, self.many[2:4]), (4, self.many[4:8]), (8, self.many[8:16])):
            program = self._create_program(name=f"L{size}", dealer_ids=[Command.set(dealers.ids)])
            counts[size] = self._count_queries(lambda p=program: p._settle_ended_periods(until=UNTIL))
            self.assertEqual(len(program.settlement_ids.move_id), size)
            self.assertEqual(set(program.settlement_ids.move_id.mapped("state")), {"draft"})
        per_two = counts[4] - counts[2]
        self.assertLessEqual(abs(counts[8] - counts[4] - 2 * per_two), 4, counts)
        # A batch of two: its settlements, credit notes (Odoo's few queries each) and savepoint.
        self.assertLessEqual(per_two, 50, counts)
