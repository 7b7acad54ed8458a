from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        warning_ids = [a.res_id for a in self if a.res_model == "channel.warning"]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if warning_ids:
            warnings = self.env["channel.warning"].sudo().browse(warning_ids).exists()
            warnings.filtered(lambda w: w.state == "open").write({"state": "done"})
        return result
