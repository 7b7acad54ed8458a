from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tests.replica import ReplicaReadsMixin
from odoo.addons.dealer_portal.controllers.replica import dealer_portal_readonly
from odoo.addons.dealer_portal.tests.common import DealerPortalCase


@tagged("post_install", "-at_install")
class TestRebatePagesReadTheReplica(ReplicaReadsMixin, HttpCase, DealerPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.context_today(cls.env.user)
        cls.env["dealer.rebate.program"].create(
            {
                "name": "Replica Rebate",
                "period_type": "custom",
                "date_start": today - timedelta(days=30),
                "date_end": today + timedelta(days=30),
                "dealer_ids": [Command.set(cls.dealer_a.ids)],
                "tier_ids": [Command.create({"threshold": 100, "rate": 2.0})],
            }
        )

    def test_rebates_page_and_home_panel_are_served_without_writing(self):
        self.assertIs(self._route_readonly("/my/dealer/rebates"), dealer_portal_readonly)
        self.authenticate("t_portal_a", "t_portal_a")
        self.assertServedOnReplica("/my/dealer/rebates")
        self.assertServedOnReplica("/my/dealer")

    def test_rebates_page_reads_the_primary_after_a_write(self):
        self.authenticate("t_portal_a", "t_portal_a")
        self._post("/my/dealer/catalog/add", {f"qty_{self.kettle.id}": "1"})
        with self.served() as calls:
            self.url_open("/my/dealer/rebates")
        self.assertEqual([(path, readonly) for path, readonly, _retried in calls], [("/my/dealer/rebates", False)])
