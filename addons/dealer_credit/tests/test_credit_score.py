from odoo import fields
from odoo.tests import tagged

from .common import CreditCase


@tagged("post_install", "-at_install")
class TestCreditScore(CreditCase):
    def test_scoring_rule(self):
        score = self.env["res.partner"]._get_dealer_credit_score
        self.assertEqual(score(1.0, 0.0, 0.0, True), "A")
        self.assertEqual(score(0.8, 5.0, 0.0, True), "B")
        self.assertEqual(score(0.6, 20.0, 0.0, True), "C")
        self.assertEqual(score(0.3, 20.0, 0.0, True), "D")
        self.assertEqual(score(1.0, 0.0, 0.0, False), "B")
        self.assertEqual(score(0.9, 2.0, 10.0, True), "C")
        self.assertEqual(score(0.4, 2.0, 10.0, True), "D")

    def test_punctual_dealer_scores_a_late_dealer_with_overdue_scores_d(self):
        today = fields.Date.context_today(self.env.user)
        for _i in range(3):
            invoice = self._invoice(self.dealer_a, 100.0, days_ago=20)
            self._pay(invoice, date=fields.Date.subtract(today, days=20))
        late = self._invoice(self.dealer_b, 100.0, days_ago=60)
        self._pay(late, date=fields.Date.subtract(today, days=10))
        self._invoice(self.dealer_b, 100.0, days_ago=45)
        (self.dealer_a | self.dealer_b)._dealer_compute_credit_score()
        self.assertEqual(self.dealer_a.dealer_credit_score, "A")
        self.assertEqual(self.dealer_b.dealer_credit_score, "D")
        self.assertEqual(self.dealer_b.dealer_credit_score_date, today)

    def test_nightly_cron_recomputes_scores(self):
        cron = self.env.ref("dealer_credit.ir_cron_dealer_credit_score")
        self.assertTrue(cron.active)
        self.assertEqual(cron.interval_type, "days")
        self.dealer_a.dealer_credit_score = "D"
        cron.method_direct_trigger()
        self.assertEqual(self.dealer_a.dealer_credit_score, "B", "no history, nothing overdue")
