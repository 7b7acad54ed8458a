"""Long work out of the request: a job done batch by batch by a cron worker.

A request that would run past the workers' time limits (a large order import,
a year's statement, a rebate settlement) creates a job instead and answers at
once; the cron ``dealer_base.ir_cron_dealer_job`` (triggered by the creation)
takes the job with ``FOR UPDATE SKIP LOCKED`` and calls the target model's
``_dealer_job_step(job)`` for one bounded batch per transaction. The step
writes its own effects and the job's progress in that same transaction, so a
worker killed half-way leaves the last committed batch and nothing of the one
it was doing: the next run picks the job up where it stands.

The worker protocol, on the model named by ``res_model`` (``method``, by
default ``_dealer_job_step``)::

    def _dealer_job_step(self, job):
        '''One bounded batch of job's work (self: job's target record).

        Write the batch's effects and job.progress_done / progress_total /
        payload; return True when the work is finished. A UserError fails the
        job with its message (nothing of the batch is kept).'''

and, optionally, ``_dealer_job_failed(job)``: undo, when the job fails, what
its earlier batches committed that must not stay.
"""

import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# A batch that raises something other than a UserError (a bug, a lost
# connection) is tried again by the next run; after this many the job fails.
MAX_ATTEMPTS = 3


def is_job_method(method):
    """Whether a job may run ``method``: a private method named for it (``_…_job_step``).

    Jobs are written by nobody but the code that creates and runs them (no group may write
    them); the runner checks the name again before calling it as the superuser.
    """
    return isinstance(method, str) and method.startswith("_") and method.endswith("_job_step")


class DealerJob(models.Model):
    _name = "dealer.job"
    _description = "Background Job"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Started by",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user,
    )
    dealer_id = fields.Many2one("res.partner", readonly=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda self: self.env.company
    )
    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", readonly=True)
    method = fields.Char(
        required=True, readonly=True, default="_dealer_job_step", help="The target's method that does one batch."
    )
    state = fields.Selection(
        [("queued", "Queued"), ("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    progress_done = fields.Integer(string="Done", readonly=True)
    progress_total = fields.Integer(string="Total", readonly=True)
    progress = fields.Integer(string="Progress (%)", compute="_compute_progress")
    payload = fields.Json(readonly=True, help="What the job's batches need from one another.")
    error = fields.Text(readonly=True)
    attempts = fields.Integer(readonly=True, help="Batches that broke off with an unexpected error, in a row.")
    result_url = fields.Char(string="Result", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="File", readonly=True, ondelete="set null")
    date_started = fields.Datetime(string="Started", readonly=True)
    date_last_batch = fields.Datetime(string="Last Batch", readonly=True)
    date_done = fields.Datetime(string="Finished", readonly=True)

    @api.depends("progress_done", "progress_total", "state")
    def _compute_progress(self):
        for job in self:
            if job.state == "done":
                job.progress = 100
            elif job.progress_total:
                job.progress = min(99, int(100 * job.progress_done / job.progress_total))
            else:
                job.progress = 0

    # ------------------------------------------------------------
    # CREATION
    # ------------------------------------------------------------

    @api.model
    def _dealer_job_create(self, name, target, *, dealer=None, payload=None, total=0, method="_dealer_job_step"):
        """A queued job whose batches target.<method> (a private method) does, the cron woken up for it.

        Created as the current user (who alone sees it, with the managers).
        """
        target.ensure_one()
        if not is_job_method(method):
            raise ValueError("a job runs private methods named _…_job_step only")
        job = self.sudo().create(
            {
                "name": name,
                "user_id": self.env.user.id,
                "dealer_id": dealer and dealer.commercial_partner_id.id,
                "company_id": self.env.company.id,
                "res_model": target._name,
                "res_id": target.id,
                "method": method,
                "payload": payload,
                "progress_total": total,
            }
        )
        self.env.ref("dealer_base.ir_cron_dealer_job").sudo()._trigger()
        return job

    @api.model
    def _dealer_job_pending(self, target, method="_dealer_job_step"):
        """The job of target (and method) still queued or running, if any."""
        domain = [
            ("res_model", "=", target._name),
            ("res_id", "=", target.id),
            ("method", "=", method),
            ("state", "in", ("queued", "running")),
        ]
        return self.sudo().search(domain, limit=1)

    # ------------------------------------------------------------
    # RUNNING
    # ------------------------------------------------------------

    @api.model
    def _cron_process(self):
        """One batch of the job waiting longest, then the progress for Odoo's cron (which runs it again)."""
        job = self._dealer_job_lock_next()
        if job:
            job._dealer_job_run_batch()
        remaining = self.sudo().search_count([("state", "in", ("queued", "running"))])
        # done=0 (every job locked by other workers) tells Odoo's cron it has nothing more to do now.
        self.env["ir.cron"]._notify_progress(done=1 if job else 0, remaining=remaining)
        return job

    @api.model
    def _dealer_job_lock_next(self):
        """The open job whose last batch is oldest, locked until the end of the transaction.

        Jobs locked by another worker are skipped: two workers never run one job, and a
        large job does not hold up the others (each batch puts its job at the end of the line).
        """
        self.flush_model(["state", "date_last_batch"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM dealer_job WHERE state IN ('queued', 'running')
                   ORDER BY date_last_batch NULLS FIRST, id LIMIT 1 FOR UPDATE SKIP LOCKED"""
            )
        )
        row = self.env.cr.fetchone()
        return self.sudo().browse(row[0]) if row else self.sudo().browse()

    def _dealer_job_target(self):
        """The job's target record, as its user (with superuser rights) and in the user's language."""
        self.ensure_one()
        env = self.env(user=self.user_id.id, su=True, context=dict(self.env.context, lang=self.user_id.lang))
        return env[self.res_model].with_company(self.company_id).browse(self.res_id).exists()

    def _dealer_job_run_batch(self):
        """Run one batch of this (locked) job, all or nothing; the caller commits."""
        self.ensure_one()
        now = fields.Datetime.now()
        if self.state == "queued":
            self.write({"state": "running", "date_started": now})
        target = self._dealer_job_target()
        if not target:
            self._dealer_job_fail(_("The record this job works on was deleted."))
            return
        if not is_job_method(self.method):
            _logger.warning("Job %s names no job method (%r): not run", self.id, self.method)
            self._dealer_job_fail(_("The job stopped on an unexpected error: please contact us."))
            return
        try:
            with self.env.cr.savepoint():
                finished = getattr(target, self.method)(self.with_env(target.env))
        except UserError as error:
            self.env.invalidate_all()
            self._dealer_job_fail(error.args[0])
            return
        except Exception:
            _logger.exception("Batch of job %s (%s) failed", self.id, self.name)
            self.env.invalidate_all()
            attempts = self.attempts + 1
            if attempts >= MAX_ATTEMPTS:
                self._dealer_job_fail(_("The job stopped on an unexpected error: please contact us."))
            else:
                self.write({"attempts": attempts, "date_last_batch": now})
            return
        vals = {"attempts": 0, "date_last_batch": now}
        if finished:
            vals.update(state="done", date_done=now, progress_done=max(self.progress_done, self.progress_total))
        self.write(vals)

    def _dealer_job_fail(self, message):
        """Fail the job with message, then let its target undo what its earlier batches committed.

        The undo (the target's optional ``_dealer_job_failed``) runs under a savepoint: when it
        breaks, nothing of it is kept, the job still ends failed (never run again) and its error
        says that what it did could not be taken back.
        """
        self.ensure_one()
        self.write({"state": "failed", "error": message, "date_done": fields.Datetime.now()})
        target = self._dealer_job_target()
        if not (target and hasattr(target, "_dealer_job_failed")):
            return
        try:
            with self.env.cr.savepoint():
                target._dealer_job_failed(self.with_env(target.env))
        except Exception:
            _logger.exception("Job %s (%s) failed and could not take back its work", self.id, self.name)
            self.env.invalidate_all()
            self.error = "\n".join((message, _("What the job did could not be taken back: please contact us.")))

    # ------------------------------------------------------------
    # PROGRESS
    # ------------------------------------------------------------

    def _dealer_job_status(self):
        """What the job's page shows: a small dict, also answered as JSON to its polling."""
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "state_label": dict(self._fields["state"]._description_selection(self.env))[self.state],
            "done": self.progress_done,
            "total": self.progress_total,
            "progress": self.progress,
            "error": self.error or "",
            "result_url": self.result_url or "",
        }

    @api.autovacuum
    def _gc_dealer_jobs(self):
        """Finished jobs (and their files) are kept 30 days."""
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=30)
        self.sudo().search([("state", "in", ("done", "failed")), ("date_done", "<", limit)]).unlink()
