from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.dealer_base.tests.common import DealerCase


class WaitingStepsCase(DealerCase):
    """Dealer orders at each step: the dealer's approver, the order review, the credit hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reviewer = new_test_user(
            cls.env,
            "t_waiting_reviewer",
            groups="dealer_base.group_dealer_manager,dealer_credit.group_credit_manager,sales_team.group_sale_manager",
        )
        cls.plain_user = new_test_user(cls.env, "t_waiting_plain", groups="sales_team.group_sale_salesman_all_leads")
        cls.approval = cls._waiting_order(cls.dealer_a, "WAIT-APPROVAL", dealer_approval_state="waiting")
        cls.review = cls._waiting_order(cls.dealer_a, "WAIT-REVIEW-1", dealer_review_state="review")
        # Held for credit too, but the review decides first (and releases the credit in the same step).
        cls.review_and_hold = cls._waiting_order(
            cls.dealer_b, "WAIT-REVIEW-2", dealer_review_state="review", credit_state="hold"
        )
        cls.hold = cls._waiting_order(cls.dealer_b, "WAIT-HOLD", dealer_review_state="approved", credit_state="hold")
        # Waiting nowhere: a quotation not submitted, a confirmed order, a cancelled held one.
        cls._waiting_order(cls.dealer_a, "WAIT-NONE")
        cls._waiting_order(cls.dealer_a, "WAIT-CONFIRMED", credit_state="released", credit_released_amount=1e9)
        cls.env["sale.order"].search([("client_order_ref", "=", "WAIT-CONFIRMED")]).action_confirm()
        cls._waiting_order(cls.dealer_a, "WAIT-CANCELLED", credit_state="hold").state = "cancel"
        # Another company's order under review counts for its company only.
        cls.other_company = cls.env["res.company"].create({"name": "Other Brand"})
        cls.reviewer.write({"company_ids": [Command.link(cls.other_company.id)]})
        cls._waiting_order(
            cls.dealer_a, "WAIT-OTHER-COMPANY", dealer_review_state="review", company_id=cls.other_company.id
        )

    @classmethod
    def _waiting_order(cls, dealer, ref, **vals):
        return cls.env["sale.order"].create(
            dict(
                {
                    "partner_id": dealer.id,
                    "client_order_ref": ref,
                    "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": 2})],
                },
                **vals,
            )
        )


@tagged("post_install", "-at_install")
class TestWaitingSteps(WaitingStepsCase):
    def _orders(self, user):
        return self.env["sale.order"].with_user(user).with_context(allowed_company_ids=self.env.company.ids)

    def test_each_order_counts_at_the_one_step_it_waits_at(self):
        counts = self._orders(self.reviewer).get_dealer_waiting_counts()
        self.assertEqual(self.env["sale.order"].search([("client_order_ref", "=", "WAIT-CONFIRMED")]).state, "sale")
        self.assertEqual(
            [(step["key"], step["count"]) for step in counts],
            [("dealer_approval", 1), ("dealer_review", 2), ("credit_hold", 1)],
        )

    def test_a_salesperson_counts_only_its_dealers_orders(self):
        counts = self._orders(self.sales_a).get_dealer_waiting_counts()
        self.assertEqual(
            {step["key"]: step["count"] for step in counts},
            {"dealer_approval": 1, "dealer_review": 1, "credit_hold": 0},
        )

    def test_each_step_opens_its_back_office_list_with_exactly_its_orders(self):
        Order = self._orders(self.reviewer)
        expected = {
            "dealer_approval": (self.approval, "sale.action_quotations"),
            "dealer_review": (self.review | self.review_and_hold, "dealer_portal.sale_order_action_dealer_review"),
            "credit_hold": (self.hold, "dealer_credit.sale_order_action_credit_hold"),
        }
        for key, (orders, xmlid) in expected.items():
            action = Order.action_open_dealer_waiting_step(key)
            self.assertEqual(action["id"], self.env.ref(xmlid).id, key)
            self.assertEqual(Order.search(action["domain"]), orders, key)
        approval = Order.action_open_dealer_waiting_step("dealer_approval")
        self.assertEqual(approval["context"], {"search_default_dealer_approval": 1, "create": False})

    def test_counting_costs_one_query_per_step(self):
        Order = self._orders(self.reviewer)
        Order.get_dealer_waiting_counts()
        with self.assertQueryCount(3):
            Order.get_dealer_waiting_counts()

    def test_users_outside_the_dealer_back_office_see_no_step(self):
        Order = self._orders(self.plain_user)
        self.assertFalse(Order._dealer_waiting_menu_shown())
        with self.assertRaises(AccessError):
            Order.get_dealer_waiting_counts()
        self.assertTrue(self._orders(self.reviewer)._dealer_waiting_menu_shown())


@tagged("post_install", "-at_install")
class TestWaitingStepsMenu(HttpCase, WaitingStepsCase):
    def test_the_systray_counts_and_opens_the_steps_for_a_reviewer(self):
        self.reviewer.company_ids = self.env.company  # one company: the menu counts its orders
        self.start_tour("/odoo", "dealer_portal_waiting_steps_tour", login="t_waiting_reviewer", timeout=120)

    def test_the_session_hides_the_menu_from_users_outside_the_dealer_back_office(self):
        self.authenticate("t_waiting_plain", "t_waiting_plain")
        self.assertFalse(self.make_jsonrpc_request("/web/session/get_session_info").get("dealer_waiting_steps"))
        self.authenticate("t_waiting_reviewer", "t_waiting_reviewer")
        self.assertIs(self.make_jsonrpc_request("/web/session/get_session_info")["dealer_waiting_steps"], True)
