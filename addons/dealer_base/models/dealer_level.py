from odoo import fields, models


class DealerLevel(models.Model):
    _name = "dealer.level"
    _description = "Dealer Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used in imports and reports.")
    sequence = fields.Integer(default=10, help="Levels are ranked by sequence: the first is the highest.")
    active = fields.Boolean(default=True)
    color = fields.Integer()
    description = fields.Text(translate=True)
    partner_ids = fields.One2many("res.partner", "dealer_level_id", string="Dealers", domain=[("is_dealer", "=", True)])
    dealer_count = fields.Integer(compute="_compute_dealer_count")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The code of a dealer level must be unique."),
    ]

    def _compute_dealer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("dealer_level_id", "in", self.ids), ("is_dealer", "=", True)],
                ["dealer_level_id"],
                ["__count"],
            )
        )
        for level in self:
            level.dealer_count = counts.get(level, 0)
