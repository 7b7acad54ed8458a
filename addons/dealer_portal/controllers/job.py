from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal import DealerPortal
from .replica import dealer_portal_readonly

JOBS_PAGE_SIZE = 20
# The dealer home lists the jobs started in the last days (finished ones are kept 30 days).
HOME_JOBS_DAYS = 3
HOME_JOBS_SHOWN = 5


class DealerPortalJob(DealerPortal):
    """The progress of a background job a dealer user started, and its result."""

    def _dealer_portal_job_sudo(self, job_id):
        """The user's own job, else 404: another user's (or dealer's) job id reveals nothing."""
        job_sudo = request.env["dealer.job"].sudo().browse(job_id).exists()
        if not job_sudo or job_sudo.user_id != request.env.user:
            raise NotFound()
        return job_sudo

    @staticmethod
    def _dealer_portal_jobs_domain():
        """The logged-in user's own jobs (the record rules say the same; never a colleague's)."""
        return [("user_id", "=", request.env.user.id)]

    def _dealer_portal_job_kinds(self):
        """{(model, method): label} of the kinds of jobs a dealer's user starts, for their list;
        a module whose portal starts other jobs extends it."""
        return {
            ("dealer.order.import", "_dealer_job_step"): _("Order File"),
            ("res.partner", "_dealer_portal_statement_job_step"): _("Statement"),
        }

    @staticmethod
    def _dealer_portal_job_result_url(job):
        """Where a job's result is: its file, its result page (the cart of an import), else its progress page."""
        if job.state == "done" and job.attachment_id:
            return f"/my/dealer/job/{job.id}/download"
        if job.state == "done" and job.result_url:
            return job.result_url
        return f"/my/dealer/job/{job.id}"

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        if self._dealer_portal_dealer():
            # Shown in the breadcrumb bar of every portal page of a dealer's user.
            values["dealer_running_jobs"] = request.env["dealer.job"].search_count(
                [*self._dealer_portal_jobs_domain(), ("state", "in", ("queued", "running"))]
            )
        return values

    def _prepare_dealer_home_values(self, dealer):
        values = super()._prepare_dealer_home_values(dealer)
        since = fields.Datetime.now() - timedelta(days=HOME_JOBS_DAYS)
        # Read only (the home may be served by a replica): as the user, whose rules show its own jobs.
        jobs = request.env["dealer.job"].search(
            [
                *self._dealer_portal_jobs_domain(),
                "|",
                ("create_date", ">=", since),
                ("state", "in", ("queued", "running")),
            ],
            limit=HOME_JOBS_SHOWN,
        )
        values.update(dealer_jobs=jobs, dealer_job_url=self._dealer_portal_job_result_url)
        return values

    @http.route(
        ["/my/dealer/jobs", "/my/dealer/jobs/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
        readonly=dealer_portal_readonly,
    )
    def portal_dealer_jobs(self, page=1, **kw):
        if not self._dealer_portal_dealer():
            return request.redirect("/my")
        Job = request.env["dealer.job"]
        domain = self._dealer_portal_jobs_domain()
        pager = portal_pager(url="/my/dealer/jobs", total=Job.search_count(domain), page=page, step=JOBS_PAGE_SIZE)
        jobs = Job.search(domain, limit=JOBS_PAGE_SIZE, offset=pager["offset"])
        states = dict(Job._fields["state"]._description_selection(request.env))
        values = self._dealer_layout_values(
            "dealer_jobs",
            jobs=jobs,
            pager=pager,
            states=states,
            kinds=self._dealer_portal_job_kinds(),
            job_url=self._dealer_portal_job_result_url,
        )
        return request.render("dealer_portal.portal_dealer_jobs", values)

    @http.route("/my/dealer/job/<int:job_id>", type="http", auth="user", methods=["GET"], website=True)
    def portal_dealer_job(self, job_id, **kw):
        job_sudo = self._dealer_portal_job_sudo(job_id)
        if job_sudo.state == "done" and job_sudo.result_url and not job_sudo.attachment_id:
            return request.redirect(job_sudo.result_url)
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "dealer_job", "job": job_sudo, "status": job_sudo._dealer_job_status()})
        return request.render("dealer_portal.portal_dealer_job", values)

    @http.route("/my/dealer/job/<int:job_id>/status", type="http", auth="user", methods=["GET"])
    def portal_dealer_job_status(self, job_id, **kw):
        return request.make_json_response(self._dealer_portal_job_sudo(job_id)._dealer_job_status())

    @http.route("/my/dealer/job/<int:job_id>/download", type="http", auth="user", methods=["GET"])
    def portal_dealer_job_download(self, job_id, **kw):
        job_sudo = self._dealer_portal_job_sudo(job_id)
        attachment_sudo = job_sudo.attachment_id
        if job_sudo.state != "done" or not attachment_sudo:
            raise NotFound()
        return request.make_response(
            attachment_sudo.raw,
            headers=[
                ("Content-Type", attachment_sudo.mimetype or "application/octet-stream"),
                ("Content-Disposition", content_disposition(attachment_sudo.name)),
            ],
        )
