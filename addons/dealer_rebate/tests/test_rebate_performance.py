from datetime import date

from odoo import Command

from .common import Q1, RebateCase

UNTIL = date(2025, 12, 31)


class TestRebatePerformance(RebateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.many = cls.env["res.partner"]
        for index in range(6):
            dealer = cls._create_dealer(f"TP0{index}", f"Dealer P{index}", cls.sales_a)
            cls._invoice(dealer, 150000, date(2025, 2, 1), lines=3)
            cls.many |= dealer

    def _count_queries(self, func):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        func()
        self.env.flush_all()
        return self.cr.sql_log_count - before

    def test_settlement_costs_a_constant_number_of_queries_per_dealer(self):
        counts = {}
        # The first settlement fills caches (journal, sequences, accounts) that later ones reuse.
        for size in (1, 2, 4, 6):
            program = self._create_program(name=f"P{size}", dealer_ids=[Command.set(self.many[:size].ids)])
            counts[size] = self._count_queries(lambda p=program: p._settle_ended_periods(until=UNTIL))
            self.assertEqual(len(program.settlement_ids), size)
        self.assertEqual(counts[6] - counts[4], counts[4] - counts[2], counts)

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
