"""dealer1 tops up its deposit online with Odoo's demo provider in the demo (预存款充值); run by
TestDealerDemo, which makes the story once."""


class PaymentTopupTour:
    def test_dealer1_tops_up_its_deposit_with_the_demo_provider(self):
        dealer = self.env.ref("dealer_demo.dealer_1")
        company = self.env.ref("dealer_demo.brand_company")
        user = self.env["res.users"].search([("login", "=", "dealer1")])
        self.assertFalse(user.dealer_invoices_hidden, "dealer1 handles its dealer's money")
        before = dealer._dealer_deposit_balance_locked(company)
        self.start_tour("/my/dealer/credit", "dealer_payment_topup_tour", login="dealer1", timeout=180)
        tx = self.env["payment.transaction"].search(
            [("dealer_topup_partner_id", "=", dealer.id), ("provider_code", "=", "demo")]
        )
        self.assertEqual(len(tx), 1)
        self.assertEqual(tx.state, "done")
        self.assertEqual(tx.amount, 8888.88)
        self.assertTrue(tx.payment_id.is_dealer_deposit)
        self.assertEqual(tx.payment_id.partner_id, dealer)
        after = dealer._dealer_deposit_balance_locked(company)
        self.assertAlmostEqual(after - before, 8888.88)
