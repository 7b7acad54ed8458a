from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_portal.tests.common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestPortalHomeRebates(HttpCase, DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.program = cls.env["dealer.rebate.program"].create(
            {
                "name": "Home Panel Rebate",
                "period_type": "custom",
                "date_start": today - timedelta(days=30),
                "date_end": today + timedelta(days=30),
                "dealer_ids": [Command.set(cls.dealer_a.ids)],
                "tier_ids": [Command.create({"threshold": 100, "rate": 2.0})],
            }
        )
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.dealer_a.id,
                "invoice_date": today,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.kettle.id, "quantity": 1, "price_unit": 4321.0, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        invoice.action_post()

    def test_dealer_home_shows_own_rebate_progress_and_link(self):
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer").text
        self.assertIn('id="dealer_home_rebates"', page)
        self.assertIn("Home Panel Rebate", page)
        self.assertIn("86.42", page)
        self.assertIn('href="/my/dealer/rebates"', page)

    def test_dealer_without_rebates_sees_no_panel(self):
        self.authenticate("t_portal_b", "t_portal_b")
        page = self.url_open("/my/dealer").text
        self.assertNotIn('id="dealer_home_rebates"', page)
        self.assertNotIn("Home Panel Rebate", page)
