"""A dealer's user finds its background jobs and their results: their list, the dealer home, the breadcrumb."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestDealerJobsPortal(HttpCase, DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague_a = cls._create_portal_user(cls.dealer_a, "t_jobs_colleague_a")
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "statement-A.xlsx", "raw": b"PK statement", "res_model": "dealer.job"}
        )

    def _job(self, user, name, state="queued", **vals):
        dealer = user.partner_id.dealer_id
        return (
            self.env["dealer.job"]
            .sudo()
            .create(
                dict(
                    {
                        "name": name,
                        "user_id": user.id,
                        "dealer_id": dealer.id,
                        "res_model": "res.partner",
                        "res_id": dealer.id,
                        "state": state,
                    },
                    **vals,
                )
            )
        )

    def _rows(self, response):
        return response.text.count('class="o_dealer_job_row"')

    def test_jobs_page_lists_only_the_users_own_jobs_with_their_results(self):
        running = self._job(self.portal_a, "Adding 5 rows of big.xlsx", "running", progress_done=2, progress_total=5)
        imported = self._job(self.portal_a, "Adding 3 rows of small.xlsx", "done", result_url="/my/dealer/cart")
        statement = self._job(
            self.portal_a,
            "Statement 2026 (XLSX)",
            "done",
            attachment_id=self.attachment.id,
            method="_dealer_portal_statement_job_step",
        )
        failed = self._job(self.portal_a, "Statement 2025 (PDF)", "failed", error="The dealer was archived.")
        colleague = self._job(self.colleague_a, "Colleague statement", "done", attachment_id=self.attachment.id)
        other = self._job(self.portal_b, "Other dealer import", "running")

        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/jobs")
        self.assertEqual(page.status_code, 200)
        self.assertEqual(self._rows(page), 4)
        for job in (running, imported, statement, failed):
            self.assertIn(f'data-job-id="{job.id}"', page.text)
        self.assertIn("40%", page.text, "the running job's progress")
        self.assertIn('o_dealer_job_kind">Statement<', page.text)
        self.assertIn(f'href="/my/dealer/job/{running.id}"', page.text)
        self.assertIn('href="/my/dealer/cart"', page.text, "a finished import leads to the cart")
        self.assertIn(f'href="/my/dealer/job/{statement.id}/download"', page.text, "a statement to its file")
        self.assertIn("The dealer was archived.", page.text)
        for foreign in (colleague, other):
            self.assertNotIn(foreign.name, page.text)
            self.assertNotIn(f'data-job-id="{foreign.id}"', page.text)
        self.assertEqual(self.url_open(f"/my/dealer/job/{statement.id}/download").content, b"PK statement")

        # A colleague of the same dealer sees its own job only, and cannot open the others'.
        self.authenticate("t_jobs_colleague_a", "t_jobs_colleague_a")
        page = self.url_open("/my/dealer/jobs")
        self.assertEqual(self._rows(page), 1)
        self.assertIn(f'data-job-id="{colleague.id}"', page.text)
        self.assertEqual(self.url_open(f"/my/dealer/job/{statement.id}/download").status_code, 404)
        self.assertEqual(self.env["dealer.job"].with_user(self.colleague_a).search([]), colleague)

        # Another dealer's user the same.
        self.authenticate("t_portal_b", "t_portal_b")
        page = self.url_open("/my/dealer/jobs")
        self.assertEqual(self._rows(page), 1)
        self.assertIn(f'data-job-id="{other.id}"', page.text)
        self.assertNotIn(running.name, page.text)

    def test_jobs_page_without_jobs_says_so_and_pages_many(self):
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/jobs")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_dealer_jobs_empty", page.text)
        for n in range(23):
            self._job(self.portal_a, f"Statement {n}", "done", attachment_id=self.attachment.id)
        self.assertEqual(self._rows(self.url_open("/my/dealer/jobs")), 20)
        self.assertEqual(self._rows(self.url_open("/my/dealer/jobs/page/2")), 3)

    def test_dealer_home_shows_the_jobs_of_the_last_days_only(self):
        self.authenticate("t_portal_a", "t_portal_a")
        old = self._job(self.portal_a, "Last month statement", "done", attachment_id=self.attachment.id)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE dealer_job SET create_date = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=10), old.id],
        )
        self._job(self.colleague_a, "Colleague import", "running")
        home = self.url_open("/my/dealer")
        self.assertEqual(home.status_code, 200)
        self.assertNotIn("o_dealer_home_jobs", home.text, "no recent job of the user: no entry")

        recent = self._job(self.portal_a, "This week statement", "done", attachment_id=self.attachment.id)
        home = self.url_open("/my/dealer")
        self.assertIn("o_dealer_home_jobs", home.text)
        self.assertIn(recent.name, home.text)
        self.assertIn(f"/my/dealer/job/{recent.id}/download", home.text)
        self.assertIn('href="/my/dealer/jobs"', home.text)
        self.assertNotIn(old.name, home.text)
        self.assertNotIn("Colleague import", home.text)

    def test_breadcrumb_leads_to_the_jobs_while_one_is_running(self):
        self.authenticate("t_portal_a", "t_portal_a")
        self.assertNotIn("o_dealer_jobs_running", self.url_open("/my/dealer/catalog").text)
        self._job(self.colleague_a, "Colleague import", "running")
        self.assertNotIn("o_dealer_jobs_running", self.url_open("/my/dealer/catalog").text)
        job = self._job(self.portal_a, "Adding 5 rows of big.xlsx", "running")
        catalog = self.url_open("/my/dealer/catalog")
        self.assertIn("o_dealer_jobs_running", catalog.text)
        self.assertIn('href="/my/dealer/jobs"', catalog.text)
        page = self.url_open(f"/my/dealer/job/{job.id}")
        self.assertIn('<a href="/my/dealer/jobs">', page.text, "the job's page leads back to the list")
        job.sudo().write({"state": "done", "attachment_id": self.attachment.id})
        self.assertNotIn("o_dealer_jobs_running", self.url_open("/my/dealer/catalog").text)

    def test_jobs_page_is_for_dealers_users_only(self):
        self.authenticate(None, None)
        response = self.url_open("/my/dealer/jobs", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
