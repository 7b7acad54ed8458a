from odoo.tests import HttpCase, tagged

from .common import ChannelCase


@tagged("post_install", "-at_install")
class TestChannelTour(HttpCase, ChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Sales this month and over the past months, for both test dealers.
        for months_ago in range(4):
            day = cls.today if not months_ago else cls._month(months_ago)
            cls._sell(cls.dealer_a, day, [(cls.product_x, 10, 50.0), (cls.product_y, 2, 30.0)])
            cls._sell(cls.dealer_b, day, [(cls.product_x2, 4, 120.0)])
        cls._refresh()

    def test_dashboard_renders_charts_and_figures(self):
        """Sales > Reporting > Channel Dashboard draws its charts and key figures."""
        self.start_tour("/odoo", "channel_analytics_dashboard_tour", login="admin", timeout=120)
