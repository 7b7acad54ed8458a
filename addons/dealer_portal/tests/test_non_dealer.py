from odoo.addons.dealer_base.tests import non_dealer


class TestNonDealerPortal(non_dealer.NonDealerCase):
    """Odoo's users and a retail customer with dealer_portal installed: the dealer's change
    requests and deposit payments stay out of the forms of users without dealer rights."""

    allow_inherited_tests_method = True

    def test_retail_order_lines_take_odoos_analytic_distribution(self):
        plan = self.env["account.analytic.plan"].create({"name": "Shops"})
        account = self.env["account.analytic.account"].create({"name": "Flagship", "plan_id": plan.id})
        self.env["account.analytic.distribution.model"].create(
            {"analytic_distribution": {account.id: 100}, "product_id": self.goods.id}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [(0, 0, {"product_id": self.goods.id, "product_uom_qty": qty}) for qty in (1, 2)],
            }
        )
        expected = self.env["account.analytic.distribution.model"]._get_distribution(
            {"product_id": self.goods.id, "partner_id": self.customer.id, "company_id": self.company.id}
        )
        self.assertEqual(expected, {str(account.id): 100})
        self.assertEqual(order.order_line.mapped("analytic_distribution"), [expected, expected])
