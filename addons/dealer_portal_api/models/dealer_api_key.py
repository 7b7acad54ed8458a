from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class DealerApiKey(models.Model):
    _inherit = "dealer.api.key"

    dealer_user_id = fields.Many2one(
        "res.users",
        string="Acts As",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The dealer's portal user whose orders, returns and reads the key's calls are: its roles, its "
        "buyer limit and the dealer's own approval apply. Empty: the dealer's administrator (its main "
        "portal user).",
    )

    @api.constrains("dealer_user_id", "dealer_id", "key_type")
    def _check_dealer_user_id(self):
        for key in self.filtered("dealer_user_id"):
            user = key.dealer_user_id
            if key.key_type != "dealer" or not user.share or user.partner_id.commercial_partner_id != key.dealer_id:
                raise ValidationError(
                    _(
                        "%(user)s is not a portal user of the key's dealer %(dealer)s.",
                        user=user.name,
                        dealer=key.dealer_id.display_name or "-",
                    )
                )

    def _dealer_portal_set_user(self, user):
        """A Dealer Manager makes the calls of this dealer key act as user (empty: the administrator)."""
        self.ensure_one()
        self._check_manager()
        self.sudo().dealer_user_id = user
        return True
