from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import content_disposition, request

from .portal import DealerPortal


class DealerPortalJob(DealerPortal):
    """The progress of a background job a dealer user started, and its result."""

    def _dealer_portal_job_sudo(self, job_id):
        """The user's own job, else 404: another user's (or dealer's) job id reveals nothing."""
        job_sudo = request.env["dealer.job"].sudo().browse(job_id).exists()
        if not job_sudo or job_sudo.user_id != request.env.user:
            raise NotFound()
        return job_sudo

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
