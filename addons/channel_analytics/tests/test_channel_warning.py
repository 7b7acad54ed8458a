from odoo.tests import Form

from .common import ChannelCase


class TestChannelWarning(ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_c = cls._create_dealer("TCC", "Channel Dealer C", cls.sales_a, cls.region_a)
        cls.dealer_d = cls._create_dealer("TCD", "Channel Dealer D", cls.sales_a, cls.region_a)
        cls.dealer_e = cls._create_dealer("TCE", "Channel Dealer E", cls.sales_b, cls.region_b)
        series = {
            # Exactly -20% three months running.
            cls.dealer_c: [1000.0, 800.0, 640.0, 512.0],
            # The last month only -19.9%.
            cls.dealer_d: [1000.0, 800.0, 640.0, 512.64],
            # Two months of decline only.
            cls.dealer_e: [1000.0, 1000.0, 800.0, 640.0],
        }
        for dealer, amounts in series.items():
            for months_ago, amount in zip((4, 3, 2, 1), amounts, strict=True):
                cls._sell(dealer, cls._month(months_ago), [(cls.product_x, 1, amount)])
        # This month and last month's orders keep the dealers off the dormant list.
        cls._sell(cls.dealer_c, cls.today, [(cls.product_x, 1, 100.0)])
        cls._refresh()
        cls.dealers = cls.dealer_c | cls.dealer_d | cls.dealer_e

    def _warnings(self, rule=None):
        domain = [("dealer_id", "in", self.dealers.ids)]
        if rule:
            domain.append(("rule", "=", rule))
        return self.env["channel.warning"].search(domain)

    def test_decline_warns_at_exactly_twenty_percent_for_three_months(self):
        self.env["channel.warning"]._run_rules(self.today)
        declines = self._warnings("decline")
        self.assertEqual(declines.dealer_id, self.dealer_c, "-19.9% or two months only raise nothing")
        last_month = self._month(1).strftime("%Y-%m")
        self.assertEqual(declines.period_key, last_month)
        self.assertEqual(declines.state, "open")
        self.assertEqual(declines.activity_ids.user_id, self.sales_a, "the dealer's salesperson is reminded")

    def test_second_run_raises_no_duplicate(self):
        Warning = self.env["channel.warning"]
        Warning._run_rules(self.today)
        count = len(self._warnings())
        self.assertTrue(count)
        self.assertFalse(Warning._run_rules(self.today) & self._warnings())
        self.assertEqual(len(self._warnings()), count)

    def test_decline_threshold_is_a_setting(self):
        settings = Form(self.env["res.config.settings"])
        settings.channel_decline_pct = 19.9
        settings.save().execute()
        self.env["channel.warning"]._run_rules(self.today)
        self.assertEqual(self._warnings("decline").dealer_id, self.dealer_c | self.dealer_d)

    def test_done_activity_closes_the_warning(self):
        self.env["channel.warning"]._run_rules(self.today)
        warning = self._warnings("decline")
        warning.activity_ids.with_user(self.sales_a).action_feedback(feedback="Called the dealer")
        self.assertEqual(warning.state, "done")

    def test_salesperson_sees_own_dealers_warnings_only(self):
        self.env["channel.warning"]._run_rules(self.today)
        Warning = self.env["channel.warning"]
        self.assertFalse(Warning.with_user(self.sales_b).search([("dealer_id", "in", self.dealers.ids)]))
        seen_by_a = Warning.with_user(self.sales_a).search([("dealer_id", "in", self.dealers.ids)])
        self.assertEqual(seen_by_a.dealer_id, self.dealer_c)
        seen_by_a.action_done()
        self.assertEqual(set(seen_by_a.mapped("state")), {"done"})
        self.assertFalse(seen_by_a.activity_ids)

    def test_dormant_and_surge(self):
        dormant = self._create_dealer("TCF", "Channel Dealer F", self.sales_a, self.region_a, active=True)
        surging = self._create_dealer("TCG", "Channel Dealer G", self.sales_a, self.region_a)
        self._sell(dormant, self._month(4), [(self.product_x, 1, 100.0)])
        for months_ago in (3, 2, 1):
            self._sell(surging, self._month(months_ago), [(self.product_x, 1, 100.0)])
        self._sell(surging, self.today, [(self.product_x, 1, 301.0)])
        self._refresh()
        self.env["channel.warning"]._run_rules(self.today)
        surge = self.env["channel.warning"].search([("dealer_id", "=", surging.id)])
        self.assertEqual(surge.mapped("rule"), ["surge"])
        self.assertEqual(surge.period_key, self.today.strftime("%Y-%m"))
        warning = self.env["channel.warning"].search([("dealer_id", "=", dormant.id)])
        self.assertEqual(warning.mapped("rule"), ["dormant"])
        self.assertEqual(warning.period_key, f"since-{self._month(4):%Y-%m-%d}")
