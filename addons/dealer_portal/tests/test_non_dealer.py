from odoo.addons.dealer_stock.tests import non_dealer_stock


class TestNonDealerPortal(non_dealer_stock.NonDealerStockCase):
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

    def test_warehouse_clerk_ships_a_submitted_dealer_order_and_the_dealer_is_told(self):
        order = self.dealer_order.copy({"user_id": self.salesman.id})
        order.write({"dealer_submitted_date": "2025-01-06 09:00:00"})
        order.action_confirm()
        before = order.message_ids
        self._validate_as_stock_user(order.picking_ids)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertTrue(order.message_ids - before)
