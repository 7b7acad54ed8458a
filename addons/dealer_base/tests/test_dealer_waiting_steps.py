from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tests import new_test_user, tagged

from .common import DealerCase


def _steps(self):
    # Two overlapping steps: a draft order matches both and waits at the first only.
    return [
        {
            "key": "later",
            "name": "Any quotation",
            "sequence": 20,
            "domain": [("state", "in", ("draft", "sent"))],
            "action": "sale.action_quotations",
        },
        {
            "key": "first",
            "name": "Draft",
            "sequence": 10,
            "domain": [("state", "=", "draft")],
            "action": "sale.action_quotations",
            "context": {"search_default_draft": 1},
        },
    ]


@tagged("post_install", "-at_install")
class TestDealerWaitingSteps(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Brand"})
        # A sales director: every dealer and every order (Odoo's "All Documents"), in two companies.
        cls.director = new_test_user(
            cls.env,
            "t_waiting_director",
            groups="dealer_base.group_dealer_manager,sales_team.group_sale_salesman_all_leads",
            company_ids=[Command.set((cls.env.company | cls.other_company).ids)],
        )
        cls.plain_user = new_test_user(cls.env, "t_plain_sales", groups="sales_team.group_sale_salesman_all_leads")
        cls.test_dealers = [("partner_id", "in", (cls.dealer_a | cls.dealer_b).ids)]

    def setUp(self):
        super().setUp()
        self.patcher = patch.object(type(self.env["sale.order"]), "_get_dealer_waiting_steps", _steps)
        self.patcher.start()
        self.addCleanup(self.patcher.stop)
        self.draft_a = self._order(self.dealer_a)
        self.draft_b = self._order(self.dealer_b)
        self.sent_a = self._order(self.dealer_a)
        self.sent_a.state = "sent"
        self.confirmed_a = self._order(self.dealer_a)
        self.confirmed_a.action_confirm()
        self.other_company_draft = self.env["sale.order"].create(
            {"partner_id": self.dealer_a.id, "company_id": self.other_company.id}
        )

    def _counts(self, user, domain=None):
        Order = self.env["sale.order"].with_user(user).with_context(allowed_company_ids=[self.env.company.id])
        # The test dealers' orders (not the quotations of Odoo's demo data).
        domain = expression.AND([self.test_dealers, domain or []])
        return {step["key"]: step["count"] for step in Order.get_dealer_waiting_counts(domain)}

    def test_an_order_counts_at_the_first_step_it_waits_at(self):
        self.assertEqual(self._counts(self.director), {"first": 2, "later": 1})
        self.assertEqual(
            self._counts(self.director, [("partner_id", "=", self.dealer_a.id)]),
            {"first": 1, "later": 1},
        )

    def test_a_salesperson_counts_only_the_orders_it_may_read(self):
        self.assertEqual(self._counts(self.sales_a), {"first": 1, "later": 1})
        self.assertEqual(self._counts(self.sales_b), {"first": 1, "later": 0})

    def test_the_step_opens_the_list_of_exactly_its_orders(self):
        Order = self.env["sale.order"].with_user(self.director).with_context(allowed_company_ids=[self.env.company.id])
        expected = {"first": self.draft_a | self.draft_b, "later": self.sent_a}
        for key, orders in expected.items():
            action = Order.action_open_dealer_waiting_step(key, self.test_dealers)
            self.assertEqual(action["res_model"], "sale.order")
            self.assertEqual(Order.search(action["domain"]), orders, key)
        action = Order.action_open_dealer_waiting_step("first")
        self.assertEqual(action["context"], {"search_default_draft": 1, "create": False})
        action = Order.action_open_dealer_waiting_step("first", [("partner_id", "=", self.dealer_b.id)])
        self.assertEqual(Order.search(action["domain"]), self.draft_b)

    def test_counting_takes_one_query_per_step(self):
        Order = self.env["sale.order"].with_user(self.director).with_context(allowed_company_ids=[self.env.company.id])
        Order.get_dealer_waiting_counts()  # warm the caches (groups, rules)
        with self.assertQueryCount(2):
            Order.get_dealer_waiting_counts()

    def test_users_outside_the_dealer_back_office_get_nothing(self):
        Order = self.env["sale.order"].with_user(self.plain_user)
        with self.assertRaises(AccessError):
            Order.get_dealer_waiting_counts()
        with self.assertRaises(AccessError):
            Order.action_open_dealer_waiting_step("first")
        self.assertFalse(Order._dealer_waiting_allowed())
        self.assertTrue(self.env["sale.order"].with_user(self.sales_a)._dealer_waiting_allowed())

    def test_the_session_shows_the_menu_to_dealer_users_only(self):
        self.assertTrue(self.env["sale.order"].with_user(self.director)._dealer_waiting_menu_shown())
        self.assertFalse(self.env["sale.order"].with_user(self.plain_user)._dealer_waiting_menu_shown())
        with patch.object(type(self.env["sale.order"]), "_get_dealer_waiting_steps", lambda self: []):
            self.assertFalse(self.env["sale.order"].with_user(self.director)._dealer_waiting_menu_shown())
