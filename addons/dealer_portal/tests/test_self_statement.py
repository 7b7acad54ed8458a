import io
from datetime import timedelta

import openpyxl

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.xlsx_checks import FORMULA, assert_written_as_text

from ..models.dealer_statement import DealerStatement
from ..report.dealer_statement_export import statement_pdf, statement_xlsx
from .common_self_service import SelfServiceCase, pdf_strings


@tagged("post_install", "-at_install")
class TestDealerStatement(HttpCase, SelfServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start, end = cls.month_start, cls.month_end
        cls.before = cls._move(cls, cls.dealer_a, 300.0, start - timedelta(days=10))
        cls.invoice = cls._move(cls, cls.dealer_a, 1000.0, start + timedelta(days=1))
        cls.refund = cls._move(cls, cls.dealer_a, 100.0, start + timedelta(days=2), move_type="out_refund")
        cls.payment = cls._pay(cls, cls.invoice, amount=500.0, date=start + timedelta(days=3))
        cls.after = cls._move(cls, cls.dealer_a, 70.0, end + timedelta(days=1))
        cls.invoice_b = cls._move(cls, cls.dealer_b, 4444.0, start + timedelta(days=1))
        cls.Statement = cls.env["dealer.statement"]

    def test_statement_balances_and_documents_of_the_period(self):
        data = self.Statement._dealer_statement_data(self.dealer_a, self.month_start, self.month_end)
        self.assertEqual(data["opening"], 300.0)
        self.assertEqual((data["invoiced"], data["credited"], data["paid"], data["rebated"]), (1000.0, 100.0, 500.0, 0))
        self.assertEqual(data["closing"], 700.0)
        self.assertEqual(
            [(line["name"], line["kind"], line["balance"]) for line in data["lines"]],
            [
                (self.invoice.name, "invoice", 1300.0),
                (self.refund.name, "credit_note", 1200.0),
                (self.payment.move_id.name, "payment", 700.0),
            ],
        )
        self.assertNotIn(self.invoice_b.name, [line["name"] for line in data["lines"]])

    def test_statement_shows_no_rebates_by_itself(self):
        # This module's condition: a rebate module's bridge overrides it.
        self.assertEqual(DealerStatement._dealer_statement_rebate_condition(self.Statement), "FALSE")

    def test_statement_queries_do_not_grow_with_documents(self):
        def count():
            before = self.env.cr.sql_log_count
            self.Statement._dealer_statement_data(self.dealer_a, self.month_start, self.month_end)
            return self.env.cr.sql_log_count - before

        count()
        small = count()
        for n in range(15):
            self._move(self.dealer_a, 10.0 + n, self.month_start + timedelta(days=4))
        self.env.invalidate_all()
        count()
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 3)

    def test_future_reversed_or_bad_periods_are_refused_and_nothing_saved(self):
        today = fields.Date.context_today(self.env.user)
        with self.assertRaisesRegex(UserError, "future"):
            self.Statement._dealer_parse_period(today, today + timedelta(days=1))
        with self.assertRaisesRegex(UserError, "starts after it ends"):
            self.Statement._dealer_parse_period(self.month_end, self.month_start)
        with self.assertRaisesRegex(UserError, "YYYY-MM-DD"):
            self.Statement._dealer_parse_period("2024-13-45", "2024-12-01")
        Statement = self.Statement.with_user(self.accountant_a)
        with self.assertRaisesRegex(UserError, "future"):
            Statement._dealer_portal_answer(today.replace(day=1), today + timedelta(days=40), "confirmed")
        with self.assertRaisesRegex(UserError, "one calendar month"):
            Statement._dealer_portal_answer(self.month_start, self.month_end - timedelta(days=1), "confirmed")
        with self.assertRaisesRegex(UserError, "what is wrong"):
            Statement._dealer_portal_answer(self.month_start, self.month_end, "disputed", " ")
        self.assertFalse(self.Statement.search([("partner_id", "=", self.dealer_a.id)]))

    def test_dispute_then_confirm_a_month(self):
        Statement = self.Statement.with_user(self.accountant_a)
        disputed = Statement._dealer_portal_answer(self.month_start, self.month_end, "disputed", "Payment missing")
        self.assertEqual(
            (disputed.state, disputed.closing_balance, disputed.partner_id), ("disputed", 700.0, self.dealer_a)
        )
        self.assertTrue(disputed.activity_ids, "the salesperson gets a to-do for the dispute")
        confirmed = Statement._dealer_portal_answer(self.month_start, self.month_end, "confirmed")
        self.assertEqual(confirmed, disputed)
        self.assertEqual(confirmed.state, "confirmed")
        with self.assertRaisesRegex(UserError, "already confirmed"):
            Statement._dealer_portal_answer(self.month_start, self.month_end, "disputed", "Changed my mind")
        # The dealer reads its own answers only; the other dealer sees nothing.
        self.assertEqual(self.Statement.with_user(self.portal_a).search([]), confirmed)
        self.assertFalse(self.Statement.with_user(self.portal_b).search([]))
        with self.assertRaises(AccessError):
            confirmed.with_user(self.portal_b).read(["closing_balance"])
        with self.assertRaises(AccessError):
            confirmed.with_user(self.portal_a).write({"state": "disputed"})
        # Found by the dealer's name in the back office.
        self.assertEqual(self.Statement.name_search(self.dealer_a.name), [(confirmed.id, confirmed.display_name)])

    def test_buyer_without_accountant_role_cannot_answer_or_see_statements(self):
        with self.assertRaises(AccessError):
            self.Statement.with_user(self.buyer_a)._dealer_portal_answer(self.month_start, self.month_end, "confirmed")
        self.authenticate(self.buyer_a.login, self.buyer_a.login)
        self.assertEqual(self.url_open("/my/dealer/statement").status_code, 403)
        self.assertEqual(self.url_open("/my/dealer/statement/pdf").status_code, 403)
        response = self.url_open("/my/invoices", allow_redirects=False)
        self.assertEqual(response.status_code, 303)

    def test_pdf_and_xlsx_contain_only_the_dealers_own_documents(self):
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        period = f"date_from={self.month_start}&date_to={self.month_end}"
        response = self.url_open(f"/my/dealer/statement/pdf?{period}")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        strings = pdf_strings(response.content)
        text = "\n".join(strings)
        for name in (self.invoice.name, self.refund.name, self.payment.move_id.name, self.dealer_a.name, "700.00"):
            self.assertIn(name, text)
        for foreign in (self.invoice_b.name, self.dealer_b.name, self.dealer_b.dealer_code, "4,444.00"):
            self.assertNotIn(foreign, text)
        self.assertNotIn(self.after.name, text, "documents after the period are left out")
        response = self.url_open(f"/my/dealer/statement/xlsx?{period}")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
        self.assertIn(self.invoice.name, cells)
        self.assertEqual(cells[cells.index("Closing Balance") + 1], "700")
        self.assertNotIn(self.invoice_b.name, cells)
        self.assertNotIn(self.dealer_b.name, cells)

    def test_a_long_period_is_made_by_a_job_and_downloaded_only_by_its_user(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.statement_job_min_days", 20)
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        start = self.month_start - timedelta(days=20)
        period = f"date_from={start}&date_to={self.month_end}"
        response = self.url_open(f"/my/dealer/statement/xlsx?{period}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        job = self.env["dealer.job"].sudo().search([("user_id", "=", self.accountant_a.id)], limit=1)
        self.assertTrue(response.headers["Location"].endswith(f"/my/dealer/job/{job.id}"))
        self.assertEqual((job.state, job.dealer_id), ("queued", self.dealer_a))
        self.assertEqual(self.url_open(f"/my/dealer/job/{job.id}/download").status_code, 404, "not made yet")
        job._dealer_job_run_batch()
        self.assertEqual((job.state, job.progress), ("done", 100))
        page = self.url_open(f"/my/dealer/job/{job.id}")
        self.assertIn(f"/my/dealer/job/{job.id}/download", page.text)
        response = self.url_open(f"/my/dealer/job/{job.id}/download")
        self.assertEqual(response.status_code, 200)
        cells = [
            str(cell)
            for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        self.assertIn(self.before.name, cells, "the documents of the whole period")
        self.assertNotIn(self.invoice_b.name, cells)
        self.authenticate(self.portal_b.login, self.portal_b.login)
        for url in (f"/my/dealer/job/{job.id}", f"/my/dealer/job/{job.id}/download"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        with self.assertRaises(AccessError):
            job.attachment_id.with_user(self.portal_b).read(["raw"])

    def test_summary_of_a_period_has_the_balances_of_its_lines(self):
        start = self.month_start - timedelta(days=20)
        full = self.Statement._dealer_statement_data(self.dealer_a, start, self.month_end)
        summary = self.Statement._dealer_statement_data(self.dealer_a, start, self.month_end, lines=False)
        self.assertIsNone(summary["lines"])
        keys = ("opening", "invoiced", "credited", "rebated", "paid", "closing")
        self.assertEqual([summary[key] for key in keys], [full[key] for key in keys])
        self.assertEqual((summary["opening"], summary["invoiced"], summary["closing"]), (0.0, 1300.0, 700.0))

    def test_a_long_period_on_screen_shows_its_balances_and_offers_the_download(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.statement_job_min_days", 20)
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        start = self.month_start - timedelta(days=20)
        period = f"date_from={start}&date_to={self.month_end}"
        page = self.url_open(f"/my/dealer/statement?{period}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_dealer_statement_long", page.text)
        self.assertIn("700.00", page.text, "the closing balance")
        self.assertIn("1,300.00", page.text, "the invoices of the whole period")
        self.assertNotIn("o_dealer_statement_line", page.text, "no document listed")
        self.assertNotIn(self.invoice.name, page.text)
        for kind in ("pdf", "xlsx"):
            self.assertIn(f'href="/my/dealer/statement/{kind}?{period.replace("&", "&amp;")}"', page.text)
        self.assertFalse(self.env["dealer.job"].sudo().search([("user_id", "=", self.accountant_a.id)]))
        # The button starts the job that makes the file.
        response = self.url_open(f"/my/dealer/statement/pdf?{period}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/my/dealer/job/", response.headers["Location"])
        # A period within the limit lists its documents as before.
        short = f"date_from={self.month_start}&date_to={self.month_start + timedelta(days=9)}"
        page = self.url_open(f"/my/dealer/statement?{short}")
        self.assertNotIn("o_dealer_statement_long", page.text)
        self.assertIn(self.invoice.name, page.text)

    def test_xlsx_writes_references_and_names_as_text(self):
        # The reference is the dealer's own PO number, the name may come from the application form.
        self.invoice.ref = FORMULA
        self.dealer_a.name = "=1+2 Trading"
        data = self.Statement._dealer_statement_data(self.dealer_a, self.month_start, self.month_end)
        assert_written_as_text(self, statement_xlsx(self.env, data), [FORMULA, "=1+2 Trading"])

    def test_pdf_renders_chinese_text(self):
        self.dealer_a.name = "上海恒通商贸测试有限公司"
        data = self.Statement._dealer_statement_data(self.dealer_a, self.month_start, self.month_end)
        strings = pdf_strings(statement_pdf(self.env, data))
        self.assertIn("Dealer: 上海恒通商贸测试有限公司", strings)

    def test_statement_page_shows_errors_for_bad_periods(self):
        self.authenticate(self.accountant_a.login, self.accountant_a.login)
        response = self.url_open(f"/my/dealer/statement?date_from={self.month_end}&date_to={self.month_start}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("starts after it ends", response.text)
        response = self.url_open("/my/dealer/statement/pdf?date_from=2099-01-01&date_to=2099-01-31")
        self.assertIn("cannot end in the future", response.text)

    def test_tour_statement_download_and_confirmation(self):
        self.start_tour("/my/dealer", "dealer_portal_statement_tour", login=self.accountant_a.login, timeout=120)
        answer = self.Statement.search([("partner_id", "=", self.dealer_a.id)])
        self.assertEqual(answer.state, "confirmed")
        self.assertEqual((answer.date_from, answer.date_to), (self.month_start, self.month_end))
        self.assertEqual(answer.user_id, self.accountant_a)

    def test_tour_back_office_sees_disputes(self):
        manager = self._manager_user()
        self.Statement.with_user(self.accountant_a)._dealer_portal_answer(
            self.month_start, self.month_end, "disputed", "Payment missing"
        )
        self.start_tour("/odoo", "dealer_portal_back_office_statements_tour", login=manager.login, timeout=120)
