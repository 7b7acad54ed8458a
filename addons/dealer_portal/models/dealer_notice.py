from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerNotice(models.Model):
    """A notice of the brand shown on its dealers' portal home page."""

    _name = "dealer.notice"
    _description = "Dealer Notice"
    _order = "sequence, date_start desc, id desc"

    name = fields.Char(string="Title", required=True, translate=True)
    body = fields.Html(string="Message", translate=True, sanitize=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    date_start = fields.Date(
        string="Published From", required=True, default=lambda self: self._dealer_notice_today(), index=True
    )
    date_end = fields.Date(string="Published Until", index=True, help="Last day shown (included); empty: no end.")
    level_ids = fields.Many2many(
        "dealer.level", string="Dealer Levels", help="Shown only to dealers of these levels (empty: every level)."
    )
    region_ids = fields.Many2many(
        "dealer.region",
        string="Sales Regions",
        help="Shown only to dealers in these regions or their sub-regions (empty: every region).",
    )
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)

    @api.model
    def _dealer_notice_today(self, company=None):
        """Today on the brand's calendar: publication dates are read in the timezone of the company's address
        (UTC when it has none), so the brand's staff and its dealers see a notice appear on the same day,
        whatever timezone each user set."""
        # The timezone of the brand's address is public to its dealers; nothing else of it is read.
        company_sudo = (company or self.env.company).sudo()
        return fields.Date.context_today(self.with_context(tz=company_sudo.partner_id.tz or "UTC"))

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for notice in self:
            if notice.date_end and notice.date_end < notice.date_start:
                raise ValidationError(_("Notice %s ends before it starts.", notice.name))

    @api.model
    def _dealer_portal_notices(self, dealer, limit=5):
        """Published notices aimed at dealer. Run as the dealer's user, the record rules already keep
        notices of other levels and regions out; the targeting is applied here too for the back office."""
        today = self._dealer_notice_today(dealer.company_id or self.env.company)
        domain = [
            ("date_start", "<=", today),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", today),
            "|",
            ("level_ids", "=", False),
            ("level_ids", "in", dealer.dealer_level_id.ids),
            "|",
            ("region_ids", "=", False),
            ("region_ids", "parent_of", dealer.dealer_region_id.ids),
        ]
        return self.search(domain, limit=limit)
