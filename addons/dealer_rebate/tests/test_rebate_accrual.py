from datetime import date

from odoo import Command
from odoo.exceptions import ValidationError

from .common import Q1, RebateCase


class TestRebateAccrual(RebateCase):
    # ------------------------------------------------------------
    # Tier arithmetic
    # ------------------------------------------------------------

    def _rebate(self, program, volume):
        lines, reached, next_tier = program._compute_rebate_lines(volume, volume)
        return sum(line["amount"] for line in lines), reached, next_tier

    def test_retroactive_tier_applies_to_whole_volume_from_the_threshold(self):
        amount, reached, __ = self._rebate(self.program, 300000)
        self.assertEqual(amount, 9000.0)
        self.assertEqual(reached.rate, 3.0)
        amount, reached, next_tier = self._rebate(self.program, 299999.99)
        self.assertEqual(amount, 6000.0)  # 2 % of 299,999.99 rounded to the cent
        self.assertEqual(next_tier.threshold, 300000)

    def test_below_first_tier_earns_nothing(self):
        amount, reached, next_tier = self._rebate(self.program, 99999.99)
        self.assertEqual(amount, 0.0)
        self.assertFalse(reached)
        self.assertEqual(next_tier.threshold, 100000)
        amount, __, __ = self._rebate(self.program, 100000)
        self.assertEqual(amount, 2000.0)

    def test_incremental_tiers_pay_each_slice_at_its_rate(self):
        self.program.tier_mode = "incremental"
        amount, __, __ = self._rebate(self.program, 300000)
        self.assertEqual(amount, 4000.0)  # 200,000 x 2 %, nothing yet above 300,000
        amount, __, __ = self._rebate(self.program, 400000)
        self.assertEqual(amount, 7000.0)  # 200,000 x 2 % + 100,000 x 3 %
        amount, __, __ = self._rebate(self.program, 299999.99)
        self.assertEqual(amount, 4000.0)  # 199,999.99 x 2 % = 3,999.9998

    def test_rebate_is_rounded_to_the_currency(self):
        amount, __, __ = self._rebate(self.program, 333333.33)
        self.assertEqual(amount, 10000.0)  # 9,999.9999
        lines, __, __ = self.program._compute_rebate_lines(100000.01, 100000.01)
        self.assertEqual(lines[0]["amount"], 2000.0)

    # ------------------------------------------------------------
    # Accruals follow the invoices
    # ------------------------------------------------------------

    def test_accrual_follows_posted_invoices_and_credit_notes(self):
        invoice = self._invoice(self.dealer_a, 250000, date(2025, 2, 10))
        accrual = self._accrual(self.dealer_a)
        self.assertEqual(accrual.volume, 250000)
        self.assertEqual(accrual.amount, 5000.0)
        self.assertEqual(accrual.amount_to_next, 50000)
        self.assertFalse(self._accrual(self.dealer_b), "dealer B bought nothing")

        self._invoice(self.dealer_a, 60000, date(2025, 3, 1))
        self.assertEqual(accrual.volume, 310000)
        self.assertEqual(accrual.amount, 9300.0)
        self.assertEqual(accrual.amount_to_next, 0.0)

        self._invoice(self.dealer_a, 20000, date(2025, 3, 5), move_type="out_refund")
        self.assertEqual(accrual.volume, 290000)
        self.assertEqual(accrual.amount, 5800.0)

        invoice.button_draft()
        self.assertEqual(accrual.volume, 40000)
        self.assertEqual(accrual.amount, 0.0)
        invoice.action_post()
        invoice.button_draft()
        invoice.button_cancel()
        self.assertEqual(accrual.volume, 40000)

    def test_invoices_outside_the_scope_do_not_count(self):
        other_product = self.env["product.product"].create({"name": "Spare part"})
        self.program.product_ids = self.product
        self._invoice(self.dealer_a, 150000, date(2025, 1, 15))
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.dealer_a.id,
                "invoice_date": date(2025, 1, 16),
                "invoice_line_ids": [
                    Command.create({"product_id": other_product.id, "price_unit": 500000, "tax_ids": []})
                ],
            }
        )
        move.action_post()
        self._invoice(self.dealer_a, 900000, date(2026, 1, 16))  # after the program
        self.assertEqual(self._accrual(self.dealer_a).volume, 150000)

    def test_quantity_basis_measures_units_and_pays_on_amount(self):
        program = self._create_program(tiers=((10, 5.0),), basis="quantity", name="Units")
        self._invoice(self.dealer_a, 9000, date(2025, 1, 20), lines=9)
        accrual = self._accrual(self.dealer_a, program)
        self.assertEqual(accrual.volume, 9)
        self.assertEqual(accrual.amount, 0.0)
        self._invoice(self.dealer_a, 1000, date(2025, 1, 21))
        self.assertEqual(accrual.volume, 10)
        self.assertEqual(accrual.amount, 500.0)

    def test_growth_target_against_same_period_last_year(self):
        program = self._create_program(
            name="Growth",
            date_start=date(2025, 1, 1),
            use_growth_target=True,
            growth_rate=10.0,
        )
        self._invoice(self.dealer_a, 100000, date(2024, 2, 1))
        self._invoice(self.dealer_a, 109999, date(2025, 2, 1))
        accrual = self._accrual(self.dealer_a, program)
        self.assertEqual(accrual.last_year_volume, 100000)
        self.assertEqual(accrual.growth_target_volume, 110000)
        self.assertFalse(accrual.growth_met)
        self.assertEqual(accrual.amount, 0.0)
        self._invoice(self.dealer_a, 1, date(2025, 2, 2))
        self.assertTrue(accrual.growth_met)
        self.assertEqual(accrual.amount, 2200.0)

    def test_scope_by_level_and_region_includes_sub_regions(self):
        sub_region = self.env["dealer.region"].create(
            {"name": "Sub", "code": "T-R-S", "region_type": "province", "parent_id": self.region.id}
        )
        self.dealer_b.dealer_region_id = sub_region
        program = self._create_program(name="Region", dealer_ids=[Command.clear()], region_ids=[self.region.id])
        self.assertEqual(program._get_dealers(), self.dealer_a | self.dealer_b)
        program = self._create_program(name="Level", dealer_ids=[Command.clear()], level_ids=[self.level_gold.id])
        self.assertIn(self.dealer_a, program._get_dealers())

    def test_quarterly_periods_are_calendar_quarters(self):
        self.assertEqual(self.program._get_period(date(2025, 2, 14)), Q1)
        self.assertEqual(len(self.program._get_periods()), 4)
        self.assertEqual(self.program._get_periods(until=date(2025, 7, 1)), [Q1, (date(2025, 4, 1), date(2025, 6, 30))])
        self.assertIsNone(self.program._get_period(date(2026, 1, 1)))

    # ------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------

    def test_bad_programs_are_refused_and_nothing_is_saved(self):
        Program = self.env["dealer.rebate.program"]
        count = Program.search_count([])
        with self.assertRaisesRegex(ValidationError, "same threshold"), self.env.cr.savepoint():
            self._create_program(name="Dup", tiers=((1000, 1.0), (1000, 2.0)))
        with self.assertRaisesRegex(ValidationError, "between 0% and 100%"), self.env.cr.savepoint():
            self._create_program(name="Too much", tiers=((1000, 101.0),))
        with self.assertRaisesRegex(ValidationError, "between 0% and 100%"), self.env.cr.savepoint():
            self._create_program(name="Negative", tiers=((1000, -1.0),))
        with self.assertRaisesRegex(ValidationError, "needs a scope"), self.env.cr.savepoint():
            self._create_program(name="Nobody", dealer_ids=[])
        with self.assertRaisesRegex(ValidationError, "ends before it starts"), self.env.cr.savepoint():
            self._create_program(name="Backwards", date_start=date(2025, 6, 1), date_end=date(2025, 5, 31))
        self.assertEqual(Program.search_count([]), count)
        with self.assertRaisesRegex(ValidationError, "same threshold"), self.env.cr.savepoint():
            self.program.write({"tier_ids": [Command.create({"threshold": 100000, "rate": 5.0})]})
        self.assertEqual(len(self.program.tier_ids), 2)
