"""Demo data of the credit module: limits for the six demo dealers (dealer 6,
which leaves its recent invoices unpaid, ends up over its limit), a deposit
for dealer 1 and the credit scores computed from the demo payment history.
"""

from odoo import api, fields, models

# Credit limits in CNY, by dealer_base demo xml id.
DEMO_LIMITS = {
    "dealer_1": 800000.0,
    "dealer_2": 500000.0,
    "dealer_3": 400000.0,
    "dealer_4": 300000.0,
    "dealer_5": 200000.0,
    "dealer_6": 20000.0,
}
DEMO_DEPOSIT = 50000.0


class DealerCreditDemo(models.AbstractModel):
    _name = "dealer.credit.demo"
    _description = "Dealer Credit Demo Data"

    @api.model
    def _load_demo(self):
        company = self.env.ref("dealer_base.brand_company", raise_if_not_found=False)
        if not company:
            return
        env = self.with_company(company).env
        dealers = env["res.partner"]
        for xmlid, limit in DEMO_LIMITS.items():
            dealer = env.ref(f"dealer_base.{xmlid}").with_company(company)
            dealer.credit_limit = limit
            dealers |= dealer
        dealer_1 = env.ref("dealer_base.dealer_1")
        journal = env["account.journal"].search([("company_id", "=", company.id), ("type", "=", "bank")], limit=1)
        payment = env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": dealer_1.id,
                "amount": DEMO_DEPOSIT,
                "journal_id": journal.id,
                "date": fields.Date.context_today(self),
                "memo": "预存款 / Deposit",
                "is_dealer_deposit": True,
            }
        )
        payment.action_post()
        dealers.with_company(company)._dealer_compute_credit_score()
