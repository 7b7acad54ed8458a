"""Dealer 1 pays an order online with Odoo's demo provider, in the demo story (run by TestDealerDemo,
which makes the story once)."""


class PaymentOrderTour:
    def test_dealer1_pays_an_order_online_with_the_demo_provider(self):
        user = self.env["res.users"].search([("login", "=", "dealer1")])
        dealer = self.env.ref("dealer_demo.dealer_1")
        company = self.env.ref("dealer_demo.brand_company")
        # A line dealer 1 ordered before: a product of its range, in a quantity its packs allow.
        line = self.env["sale.order.line"].search(
            [("order_id.partner_id", "=", dealer.id), ("order_id.state", "=", "sale"), ("display_type", "=", False)],
            order="id desc",
            limit=1,
        )
        cart = dealer.sudo().with_company(company)._dealer_portal_cart(user=user)
        cart._dealer_portal_add_rows([{"ref": "1", "product_id": line.product_id.id, "qty": line.product_uom_qty}])
        self.start_tour("/my/dealer/cart", "dealer_payment_order_tour", login="dealer1", timeout=240)
        order = self.env["sale.order"].search([("client_order_ref", "=", "PO-PAY-ONLINE-1")])
        self.assertEqual((order.partner_id, order.state, order.dealer_payment_method), (dealer, "sale", "online"))
        tx = order.transaction_ids.filtered(lambda t: t.state == "done")
        self.assertEqual(tx.provider_code, "demo")
        self.assertEqual(tx.amount, order.amount_total)
        self.assertEqual(tx.payment_id.partner_id, dealer)
        self.assertEqual(tx.payment_id.state, "in_process")
