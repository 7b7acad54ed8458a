from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

REGION_TYPES = [
    ("country", "Country"),
    ("region", "Region"),
    ("province", "Province"),
    ("city", "City"),
]


class DealerRegion(models.Model):
    """Sales territory: a hierarchy country > region > province > city."""

    _name = "dealer.region"
    _description = "Sales Region"
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "complete_name"

    # Territory names are the brand's own words, in its language: not translated.
    name = fields.Char(required=True)
    code = fields.Char(required=True)
    region_type = fields.Selection(REGION_TYPES, string="Type", required=True, default="region")
    parent_id = fields.Many2one("dealer.region", string="Parent Region", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("dealer.region", "parent_id", string="Sub-regions")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    country_id = fields.Many2one(
        "res.country", compute="_compute_country_id", store=True, readonly=False, recursive=True
    )
    active = fields.Boolean(default=True)
    partner_ids = fields.One2many("res.partner", "dealer_region_id", string="Dealers")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "The code of a sales region must be unique."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for region in self:
            if region.parent_id:
                region.complete_name = f"{region.parent_id.complete_name} / {region.name}"
            else:
                region.complete_name = region.name

    @api.depends("parent_id.country_id")
    def _compute_country_id(self):
        for region in self:
            if region.parent_id:
                region.country_id = region.parent_id.country_id

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(_("A sales region cannot be its own ancestor."))
        order = [code for code, _label in REGION_TYPES]
        for region in self.filtered("parent_id"):
            if order.index(region.parent_id.region_type) >= order.index(region.region_type):
                raise ValidationError(
                    _(
                        "Region %(region)s (%(type)s) cannot be placed under %(parent)s (%(parent_type)s).",
                        region=region.name,
                        type=dict(self._fields["region_type"]._description_selection(self.env))[region.region_type],
                        parent=region.parent_id.name,
                        parent_type=dict(self._fields["region_type"]._description_selection(self.env))[
                            region.parent_id.region_type
                        ],
                    )
                )
