from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import mute_logger

from .common import ApiCase


@tagged("post_install", "-at_install")
class TestApiKey(ApiCase):
    def test_key_is_stored_hashed_and_shown_once(self):
        self.assertTrue(self.key_a.startswith("dk_"))
        self.assertTrue(self.integration_key.startswith("ik_"))
        self.env.cr.execute("SELECT key_hash FROM dealer_api_key WHERE id = %s", [self.key_a_record.id])
        stored = self.env.cr.fetchone()[0]
        self.assertNotIn(self.key_a, stored)
        self.assertNotIn("key_hash", self.key_a_record.read()[0])
        Key = self.env["dealer.api.key"]
        self.assertEqual(Key._authenticate(self.key_a), self.key_a_record)
        self.assertEqual(Key._authenticate(self.integration_key), self.integration_record)
        wrong = self.key_a[:-1] + ("1" if self.key_a.endswith("0") else "0")
        for key in (wrong, "", None, 42, "dk_" + "x" * 300):
            self.assertFalse(Key._authenticate(key), key)

    def test_dealer_keys_have_a_dealer_and_integration_keys_scopes(self):
        self.assertEqual((self.key_a_record.key_type, self.key_a_record.dealer_id), ("dealer", self.dealer_a))
        self.assertFalse(self.integration_record.dealer_id)
        self.assertEqual(self.integration_record.scope_ids.mapped("code"), ["catalog:read"])
        self.assertTrue(self.key_a_record._has_scope("orders:write"))
        self.assertTrue(self.integration_record._has_scope("catalog:read"))
        self.assertFalse(self.integration_record._has_scope("orders:write"))
        Key = self.env["dealer.api.key"]
        with self.assertRaises(UserError):
            Key._generate_integration("no scope", [])
        with self.assertRaises(UserError):
            Key._generate_integration("typo", ["catalog:raed"])
        with self.assertRaises(UserError):
            Key._generate(self.env["res.partner"], "no dealer")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.integration_record.sudo().write({"dealer_id": self.dealer_a.id})
            self.env.flush_all()

    def test_only_dealer_managers_generate_and_revoke_keys(self):
        Key = self.env["dealer.api.key"]
        for user in (self.sales_a, self.portal_a):
            with self.assertRaises(AccessError):
                Key.with_user(user)._generate(self.dealer_a, "mine")
            with self.assertRaises(AccessError):
                Key.with_user(user)._generate_integration("mine", ["catalog:read"])
            with self.assertRaises(AccessError):
                self.key_a_record.with_user(user).action_revoke()
        Key.with_user(self.manager)._generate(self.dealer_a, "by manager")
        Key.with_user(self.manager)._generate_integration("by manager", ["feed:read"])
        self.key_a_record.with_user(self.manager).action_revoke()
        self.assertFalse(self.key_a_record.active)
        self.assertEqual(self.key_a_record.revoked_by_id, self.manager)
        self.assertFalse(Key._authenticate(self.key_a))

    def test_expired_key_is_refused(self):
        Key = self.env["dealer.api.key"]
        now = fields.Datetime.now()
        _record, expired = Key._generate(self.dealer_a, "old", expires_on=now - timedelta(minutes=1))
        _record, valid = Key._generate(self.dealer_a, "new", expires_on=now + timedelta(days=1))
        self.assertFalse(Key._authenticate(expired))
        self.assertTrue(Key._authenticate(valid))

    def test_keys_calls_and_scopes_are_for_dealer_managers_only(self):
        self._process(self.key_a, method="GET", operation="me", acts_for="key")
        for model in ("dealer.api.key", "dealer.api.call", "dealer.api.scope"):
            self.assertTrue(self.env[model].with_user(self.manager).search([]), model)
            for user in (
                self.sales_a,
                self.portal_a,
                new_test_user(self.env, f"t_api_{model}", groups="base.group_user"),
            ):
                with self.assertRaises(AccessError, msg=f"{model} {user.login}"):
                    self.env[model].with_user(user).search([])

    def test_manager_generates_an_integration_key_in_the_wizard(self):
        form = Form(self.env["dealer.api.key.generate"].with_user(self.manager))
        form.key_type = "integration"
        form.name = "Brand WMS"
        form.scope_ids.add(self.env.ref("dealer_api.scope_shipments_write"))
        wizard = form.save()
        action = wizard.action_generate()
        self.assertEqual(action["res_id"], wizard.id)
        key = self.env["dealer.api.key"]._authenticate(wizard.key)
        self.assertEqual((key.key_type, key.name), ("integration", "Brand WMS"))
        self.assertEqual(key.scope_ids.mapped("code"), ["shipments:write"])
