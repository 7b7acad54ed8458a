from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_base.tests.xlsx_checks import FORMULA, assert_written_as_text

from .common import RebateCase


class TestRebateSecurity(RebateCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._invoice(cls.dealer_a, 123456, date(2025, 2, 1))
        cls._invoice(cls.dealer_b, 345678, date(2025, 2, 1))
        cls.accrual_a = cls.env["dealer.rebate.accrual"].search([("dealer_id", "=", cls.dealer_a.id)])
        cls.accrual_b = cls.env["dealer.rebate.accrual"].search([("dealer_id", "=", cls.dealer_b.id)])

    def test_portal_users_read_only_their_own_dealer_accruals(self):
        Accrual = self.env["dealer.rebate.accrual"]
        self.assertEqual(Accrual.with_user(self.portal_a).search([]), self.accrual_a)
        self.assertEqual(Accrual.with_user(self.portal_b).search([]), self.accrual_b)
        with self.assertRaises(AccessError):
            self.accrual_b.with_user(self.portal_a).read(["amount"])
        with self.assertRaises(AccessError):
            self.accrual_a.with_user(self.portal_a).write({"amount": 1.0})

    def test_progress_lists_only_the_dealer_of_the_user(self):
        self.program.date_end = date(2099, 12, 31)
        progress = Accrual = self.env["dealer.rebate.accrual"].with_user(self.portal_a)
        progress = Accrual._dealer_rebate_progress(self.dealer_a)
        self.assertEqual([line["volume"] for line in progress], [123456])
        self.assertEqual(progress[0]["amount"], 2469.12)
        self.assertEqual(progress[0]["amount_to_next"], 300000 - 123456)
        with self.assertRaises(AccessError):
            Accrual._dealer_rebate_progress(self.dealer_b)

    def test_salespeople_read_managers_write(self):
        salesman = new_test_user(self.env, "t_rebate_sales", groups="sales_team.group_sale_salesman")
        Program = self.env["dealer.rebate.program"]
        self.assertIn(self.program, Program.with_user(salesman).search([]))
        with self.assertRaises(AccessError):
            self.program.with_user(salesman).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.program.with_user(salesman).action_settle()
        self.program.with_user(self.manager).write({"name": "Renamed"})
        self.assertEqual(self.program.name, "Renamed")

    def test_salesperson_reads_only_own_dealers_rebates(self):
        self.program._settle_ended_periods(until=date(2025, 4, 1))
        Accrual = self.env["dealer.rebate.accrual"].with_user(self.sales_a)
        Settlement = self.env["dealer.rebate.settlement"].with_user(self.sales_a)
        settlement_b = Settlement.sudo().search([("dealer_id", "=", self.dealer_b.id)])
        self.assertTrue(settlement_b)
        self.assertEqual(Accrual.search([]), self.accrual_a)
        self.assertEqual(Settlement.search([]).dealer_id, self.dealer_a)
        self.assertFalse(Settlement.search([("dealer_id", "=", self.dealer_b.id)]))
        # Amounts and rates of dealer B are out of reach, grouped or by id.
        self.assertEqual(
            [group["dealer_id"][0] for group in Accrual.read_group([], ["amount:sum"], ["dealer_id"])],
            [self.dealer_a.id],
        )
        with self.assertRaises(AccessError):
            self.accrual_b.with_user(self.sales_a).read(["amount", "rate"])
        with self.assertRaises(AccessError):
            settlement_b.with_user(self.sales_a).read(["amount_rebate"])
        # A teammate reads the team's dealer; managers and plain salespeople keep every dealer.
        self.assertEqual(self.accrual_a.with_user(self.sales_a2).read(["amount"])[0]["amount"], self.accrual_a.amount)
        self.assertEqual(self.env["dealer.rebate.accrual"].with_user(self.sales_b).search([]), self.accrual_b)
        both = [("dealer_id", "in", (self.dealer_a | self.dealer_b).ids)]
        everyone = self.accrual_a | self.accrual_b
        self.assertEqual(self.env["dealer.rebate.accrual"].with_user(self.manager).search(both), everyone)
        salesman = new_test_user(self.env, "t_rebate_plain_sales", groups="sales_team.group_sale_salesman")
        self.assertEqual(self.env["dealer.rebate.accrual"].with_user(salesman).search(both), everyone)

    def test_programs_and_accruals_stay_in_their_company(self):
        other = self.env["res.company"].create({"name": "Other Brand"})
        user = new_test_user(self.env, "t_rebate_other", groups="dealer_base.group_dealer_manager", company_id=other.id)
        user.company_ids = [Command.set(other.ids)]
        self.assertFalse(self.env["dealer.rebate.program"].with_user(user).search([]))
        self.assertFalse(self.env["dealer.rebate.accrual"].with_user(user).search([]))

    def test_excel_export_lists_accrued_and_settled(self):
        action = (self.accrual_a | self.accrual_b).with_user(self.manager).action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        self.assertTrue(attachment.raw.startswith(b"PK"))

    def test_excel_export_writes_names_as_text(self):
        self.dealer_b.name = FORMULA
        self.program.name = "@SUM(1+1)"
        content = (self.accrual_a | self.accrual_b).with_user(self.manager)._export_xlsx_content()
        assert_written_as_text(self, content, [FORMULA, "@SUM(1+1)"])


@tagged("post_install", "-at_install")
class TestRebatePortal(RebateCase, HttpCase):
    def test_portal_page_shows_own_progress_only(self):
        self.program.date_end = date(2099, 12, 31)
        self._invoice(self.dealer_a, 123456, date(2025, 2, 1))
        self._invoice(self.dealer_b, 345678, date(2025, 2, 1))
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open("/my/dealer/rebates")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Test Q-Rebate", response.text)
        self.assertIn("123,456.00", response.text)
        self.assertIn("2,469.12", response.text)
        self.assertNotIn("345,678", response.text)
        self.authenticate("t_portal_b", "t_portal_b")
        response = self.url_open("/my/dealer/rebates")
        self.assertIn("345,678", response.text)
        self.assertNotIn("123,456", response.text)
        home = self.url_open("/my")
        self.assertIn("/my/dealer/rebates", home.text)

    def test_portal_user_of_no_dealer_is_sent_back_to_my_account(self):
        new_test_user(self.env, "t_portal_nobody", groups="base.group_portal")
        self.authenticate("t_portal_nobody", "t_portal_nobody")
        response = self.url_open("/my/dealer/rebates", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))

    def test_portal_page_needs_a_login(self):
        response = self.url_open("/my/dealer/rebates", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
