from odoo import _, api, models

# The steps of a refresh of the channel figures, each one transaction of its background job.
REFRESH_STEPS = ("sale", "payment")
SCHEDULED_STEPS = ("sale", "payment", "warnings")


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _channel_analytics_queue_refresh(self, steps=REFRESH_STEPS):
        """The background job refreshing the channel figures (one step per transaction), or the one under way."""
        company = self.env.company
        Job = self.env["dealer.job"]
        method = "_channel_analytics_refresh_job_step"
        return Job._dealer_job_pending(company, method=method) or Job._dealer_job_create(
            _("Refresh the channel figures"), company, payload={"steps": list(steps)}, total=len(steps), method=method
        )

    def _channel_analytics_refresh_job_step(self, job):
        """The next step of the refresh: the sales summary, the payment summary, then the early warnings."""
        self.ensure_one()
        steps = (job.payload or {}).get("steps") or list(REFRESH_STEPS)
        index = job.progress_done
        step = steps[index] if index < len(steps) else None
        if step == "sale":
            self.env["channel.sale.summary"]._refresh()
        elif step == "payment":
            self.env["channel.payment.summary"]._refresh()
        elif step == "warnings":
            self.env["channel.warning"]._run_rules()
        job.write({"progress_done": min(index + 1, len(steps)), "progress_total": len(steps)})
        return index + 1 >= len(steps)
