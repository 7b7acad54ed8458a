import binascii
import logging
import os

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.base.models.res_users import KEY_CRYPT_CONTEXT

_logger = logging.getLogger(__name__)

KEY_PREFIX = "dk_"
KEY_BYTES = 20
INDEX_SIZE = 8


class DealerApiKey(models.Model):
    """A key with which a dealer's own system calls the stock report API.

    Only a hash is stored (the key column is not an ORM field, as for users' API
    keys); the key is shown once, when it is generated. Revoking deactivates it.
    """

    _name = "dealer.api.key"
    _description = "Dealer API Key"
    _order = "active desc, create_date desc, id desc"

    name = fields.Char(string="Description", required=True)
    dealer_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", domain=[("is_dealer", "=", True)]
    )
    index = fields.Char(string="Key Prefix", readonly=True, index=True, help="First characters of the key.")
    active = fields.Boolean(default=True, readonly=True)
    revoked_on = fields.Datetime(readonly=True)
    revoked_by_id = fields.Many2one("res.users", readonly=True)
    last_used_on = fields.Datetime(readonly=True)
    call_ids = fields.One2many("dealer.api.call", "key_id", string="Calls")

    def init(self):
        self.env.cr.execute("ALTER TABLE dealer_api_key ADD COLUMN IF NOT EXISTS key_hash varchar")

    @api.model
    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("dealer_base.group_dealer_manager"):
            raise AccessError(_("Only dealer managers manage the dealers' API keys."))

    @api.model
    def _generate(self, dealer, name, key=None):
        """Create a key for ``dealer``; returns (key record, the key in clear, to be shown once)."""
        self._check_manager()
        key = key or KEY_PREFIX + binascii.hexlify(os.urandom(KEY_BYTES)).decode()
        record = self.sudo().create({"name": name, "dealer_id": dealer.id, "index": self._key_index(key)})
        self.env.cr.execute(
            SQL("UPDATE dealer_api_key SET key_hash = %s WHERE id = %s", KEY_CRYPT_CONTEXT.hash(key), record.id)
        )
        _logger.info("API key #%s generated for dealer #%s by user #%s", record.id, dealer.id, self.env.uid)
        return record, key

    @staticmethod
    def _key_index(key):
        return key.removeprefix(KEY_PREFIX)[:INDEX_SIZE]

    @api.model
    def _authenticate(self, key):
        """The active key matching ``key`` (sudo), or an empty recordset."""
        if not key or not isinstance(key, str) or len(key) > 200:
            return self.browse()
        self.env.cr.execute(
            SQL(
                "SELECT id, key_hash FROM dealer_api_key WHERE active AND index = %s AND key_hash IS NOT NULL",
                self._key_index(key),
            )
        )
        for key_id, key_hash in self.env.cr.fetchall():
            if KEY_CRYPT_CONTEXT.verify(key, key_hash):
                return self.sudo().browse(key_id)
        return self.browse()

    def action_revoke(self):
        """Revoke the keys: calls with them are refused from now on."""
        self._check_manager()
        self.sudo().write({"active": False, "revoked_on": fields.Datetime.now(), "revoked_by_id": self.env.uid})
        _logger.info("API keys %s revoked by user #%s", self.ids, self.env.uid)
        return True
