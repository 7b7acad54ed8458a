import base64

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

LICENCE = base64.b64encode(b"%PDF-1.4\n%%EOF\n")


class DealerCase(TransactionCase):
    """Two salespeople in two teams, and dealers A and B with portal users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.level_gold = cls.env.ref("dealer_base.dealer_level_gold")
        cls.region = cls.env["dealer.region"].create({"name": "Test Region", "code": "T-R", "region_type": "region"})
        cls.manager = new_test_user(cls.env, "t_dealer_manager", groups="dealer_base.group_dealer_manager")
        cls.sales_a = new_test_user(cls.env, "t_sales_a", groups="dealer_base.group_dealer_user")
        cls.sales_b = new_test_user(cls.env, "t_sales_b", groups="dealer_base.group_dealer_user")
        cls.sales_a2 = new_test_user(cls.env, "t_sales_a2", groups="dealer_base.group_dealer_user")
        cls.team_a = cls.env["crm.team"].create(
            {"name": "Team A", "member_ids": [Command.set((cls.sales_a | cls.sales_a2).ids)]}
        )
        cls.dealer_a = cls._create_dealer("TA01", "Dealer A Trading", cls.sales_a, team=cls.team_a)
        cls.dealer_b = cls._create_dealer("TB01", "Dealer B Trading", cls.sales_b)
        cls.portal_a = cls._create_portal_user(cls.dealer_a, "t_portal_a")
        cls.portal_b = cls._create_portal_user(cls.dealer_b, "t_portal_b")
        cls.product = cls.env["product.product"].create({"name": "Test Kettle", "list_price": 100.0})

    @classmethod
    def _create_dealer(cls, code, name, salesperson, team=False, state="active", **vals):
        dealer = cls.env["res.partner"].create(
            dict(
                {
                    "name": name,
                    "is_company": True,
                    "is_dealer": True,
                    "dealer_code": code,
                    "dealer_level_id": cls.level_gold.id,
                    "dealer_region_id": cls.region.id,
                    "user_id": salesperson.id,
                    "dealer_team_id": team and team.id,
                    "dealer_licence": LICENCE,
                    "dealer_licence_filename": "licence.pdf",
                    "email": f"{code.lower()}@example.com",
                },
                **vals,
            )
        )
        if state in ("pending", "active"):
            dealer.action_dealer_submit()
        if state == "active":
            dealer.action_dealer_approve()
        return dealer

    @classmethod
    def _create_portal_user(cls, dealer, login):
        contact = cls.env["res.partner"].create(
            {"name": f"{login} contact", "parent_id": dealer.id, "email": f"{login}@example.com"}
        )
        return new_test_user(cls.env, login, groups="base.group_portal", partner_id=contact.id)

    def _order(self, dealer):
        return self.env["sale.order"].create(
            {
                "partner_id": dealer.id,
                "order_line": [Command.create({"product_id": self.product.id, "product_uom_qty": 2})],
            }
        )
