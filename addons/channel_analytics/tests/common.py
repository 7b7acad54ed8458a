import base64
from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

LICENCE = base64.b64encode(b"%PDF-1.4\n%%EOF\n")


class ChannelCase(TransactionCase):
    """Salespeople A and B with one dealer each in a test region, and products in two categories."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.today = fields.Date.context_today(cls.env.user)
        cls.this_month = cls.today.replace(day=1)
        cls.level = cls.env.ref("dealer_base.dealer_level_gold")
        cls.region = cls.env["dealer.region"].create({"name": "Test Land", "code": "T-LAND", "region_type": "country"})
        cls.region_a = cls.env["dealer.region"].create(
            {"name": "Test North", "code": "T-N", "region_type": "region", "parent_id": cls.region.id}
        )
        cls.region_b = cls.env["dealer.region"].create(
            {"name": "Test South", "code": "T-S", "region_type": "region", "parent_id": cls.region.id}
        )
        cls.manager = new_test_user(cls.env, "t_channel_manager", groups="dealer_base.group_dealer_manager")
        cls.sales_a = new_test_user(cls.env, "t_channel_sales_a", groups="dealer_base.group_dealer_user")
        cls.sales_b = new_test_user(cls.env, "t_channel_sales_b", groups="dealer_base.group_dealer_user")
        cls.dealer_a = cls._create_dealer("TCA", "Channel Dealer A", cls.sales_a, cls.region_a)
        cls.dealer_b = cls._create_dealer("TCB", "Channel Dealer B", cls.sales_b, cls.region_b)
        cls.categ_x = cls.env["product.category"].create({"name": "Test Kettles"})
        cls.categ_y = cls.env["product.category"].create({"name": "Test Fans"})
        cls.product_x = cls._create_product("Test Kettle", cls.categ_x)
        cls.product_x2 = cls._create_product("Test Big Kettle", cls.categ_x)
        cls.product_y = cls._create_product("Test Fan", cls.categ_y)

    @classmethod
    def _create_dealer(cls, code, name, salesperson, region, active=False):
        dealer = cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "is_dealer": True,
                "dealer_code": code,
                "dealer_level_id": cls.level.id,
                "dealer_region_id": region.id,
                "user_id": salesperson.id,
                "email": f"{code.lower()}@example.com",
                "dealer_licence": LICENCE,
                "dealer_licence_filename": "licence.pdf",
            }
        )
        if active:
            dealer.action_dealer_submit()
            dealer.action_dealer_approve()
        return dealer

    @classmethod
    def _create_product(cls, name, categ):
        return cls.env["product.product"].create(
            {"name": name, "type": "consu", "categ_id": categ.id, "list_price": 1.0, "taxes_id": [Command.clear()]}
        )

    @classmethod
    def _month(cls, months_ago, day=15):
        return cls.this_month - relativedelta(months=months_ago) + relativedelta(days=day - 1)

    @classmethod
    def _sell(cls, dealer, day, lines, state="sale"):
        """A dealer order of (product, qty, unit price) lines, dated on that day.

        The state is written directly: these tests are about what the figures read, not about the
        confirmation flow (stock, credit) which other modules test.
        """
        order = cls.env["sale.order"].create(
            {
                "partner_id": dealer.id,
                "order_line": [
                    Command.create({"product_id": p.id, "product_uom_qty": qty, "price_unit": price, "tax_id": False})
                    for p, qty, price in lines
                ],
            }
        )
        order.write({"state": state, "date_order": datetime.combine(day, time(12, 0))})
        return order

    @classmethod
    def _refresh(cls):
        cls.env["channel.sale.summary"]._cron_refresh()
