from odoo import fields, models


class DealerApiScope(models.Model):
    """What an integration key may do (``catalog:read``, ``orders:write``...).

    Each endpoint of the API names the scope it needs; the add-ons that add endpoints
    add their scopes as data. Dealer keys are not scoped: they may call every endpoint
    open to dealers, always for their own dealer.
    """

    _name = "dealer.api.scope"
    _description = "Dealer API Scope"
    _order = "code"
    _rec_name = "code"

    code = fields.Char(required=True, readonly=True, help="As endpoints and the API's documentation name it.")
    name = fields.Char(string="Description", required=True, translate=True)

    _sql_constraints = [("code_uniq", "UNIQUE(code)", "A scope code is unique.")]
