from datetime import date

from odoo import Command

from odoo.addons.dealer_base.tests.common import DealerCase

Q1 = (date(2025, 1, 1), date(2025, 3, 31))
Q2 = (date(2025, 4, 1), date(2025, 6, 30))


class RebateCase(DealerCase):
    """Dealers A and B (from DealerCase), a quarterly program over 2025 and invoice helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.product.write({"taxes_id": [Command.clear()]})
        cls.program = cls._create_program()

    @classmethod
    def _create_program(cls, tiers=((100000, 2.0), (300000, 3.0)), **vals):
        return cls.env["dealer.rebate.program"].create(
            dict(
                {
                    "name": "Test Q-Rebate",
                    "company_id": cls.company.id,
                    "period_type": "quarter",
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 12, 31),
                    "dealer_ids": [Command.set((cls.dealer_a | cls.dealer_b).ids)],
                    "tier_ids": [Command.create({"threshold": t, "rate": r}) for t, r in tiers],
                },
                **vals,
            )
        )

    @classmethod
    def _invoice(cls, dealer, amount, day, *, move_type="out_invoice", lines=1, post=True):
        """A customer invoice (or credit note) of ``amount`` untaxed spread over ``lines`` lines."""
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": dealer.id,
                "company_id": cls.company.id,
                "invoice_date": day,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "quantity": 1,
                            "price_unit": amount / lines,
                            "tax_ids": [Command.clear()],
                        }
                    )
                    for __ in range(lines)
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def _accrual(self, dealer, program=None, period=Q1):
        return self.env["dealer.rebate.accrual"].search(
            [
                ("program_id", "=", (program or self.program).id),
                ("dealer_id", "=", dealer.id),
                ("period_start", "=", period[0]),
                ("period_end", "=", period[1]),
            ]
        )

    def _credit_notes(self, dealer, program=None):
        return self.env["account.move"].search(
            [
                ("dealer_rebate_settlement_id.program_id", "=", (program or self.program).id),
                ("partner_id", "=", dealer.id),
            ]
        )
