"""Credit on the demo brand's dealers: dealer_demo's credit limits, deposit and scores.

They need the story, installed by make test and make run.
"""

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCreditDemo(TransactionCase):
    def test_demo_dealers_have_limits_a_deposit_and_scores(self):
        company = self.env.ref("dealer_demo.brand_company", raise_if_not_found=False)
        self.assertTrue(company, "the dealer_demo story is installed")
        dealer_6 = self.env.ref("dealer_demo.dealer_6").with_company(company)
        info = dealer_6._dealer_credit_info(company)
        self.assertGreater(info["limit"], 0)
        self.assertLess(info["available"], 0, "dealer 6 leaves its invoices unpaid and is over its limit")
        dealer_1 = self.env.ref("dealer_demo.dealer_1").with_company(company)
        self.assertGreater(dealer_1.dealer_deposit_balance, 0)
        for n in range(1, 7):
            dealer = self.env.ref(f"dealer_demo.dealer_{n}")
            self.assertTrue(dealer.with_company(company).credit_limit)
            self.assertIn(dealer.dealer_credit_score, ("A", "B", "C", "D"))

    def test_demo_order_of_dealer_over_limit_goes_on_hold(self):
        company = self.env.ref("dealer_demo.brand_company")
        dealer_6 = self.env.ref("dealer_demo.dealer_6")
        order = (
            self.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": dealer_6.id,
                    "company_id": company.id,
                    "order_line": [(0, 0, {"product_id": self.env.ref("dealer_demo.product_ka_001").id})],
                }
            )
        )
        order.action_confirm()
        self.assertEqual(order.credit_state, "hold")
        self.assertEqual(order.state, "draft")
