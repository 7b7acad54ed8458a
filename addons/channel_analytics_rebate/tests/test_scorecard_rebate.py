from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.channel_analytics.tests.common import ChannelCase


@tagged("post_install", "-at_install")
class TestScorecardRebate(ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["dealer.rebate.program"].create(
            {
                "name": "Scorecard Rebate",
                "period_type": "custom",
                "date_start": cls.today - timedelta(days=30),
                "date_end": cls.today + timedelta(days=30),
                "dealer_ids": [Command.set(cls.dealer_a.ids)],
                "tier_ids": [Command.create({"threshold": 100, "rate": 2.0})],
            }
        )
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.dealer_a.id,
                "invoice_date": cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product_x.id,
                            "quantity": 1,
                            "price_unit": 1000.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        invoice.action_post()

    def test_scorecard_shows_the_open_rebate_of_each_dealer(self):
        cards = (self.dealer_a | self.dealer_b)._channel_scorecards()
        self.assertEqual(
            (cards[self.dealer_a.id]["has_rebate"], cards[self.dealer_a.id]["rebate_amount"]), (True, 20.0)
        )
        self.assertEqual(cards[self.dealer_b.id]["rebate_amount"], 0.0)
        self.assertEqual(self.dealer_a.channel_rebate_amount, 20.0)
        self.assertEqual(self.dealer_a.with_user(self.sales_a).channel_rebate_amount, 20.0)

    def test_scorecard_form_shows_the_rebate(self):
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        self.assertIn('name="channel_rebate_amount"', arch)
