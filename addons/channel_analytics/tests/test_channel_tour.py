from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestChannelTour(HttpCase):
    def setUp(self):
        super().setUp()
        # The demo brand's back office, as make run opens it.
        self.env.ref("base.user_admin").company_id = self.env.ref("dealer_base.brand_company")

    def test_dashboard_renders_charts_and_figures(self):
        """Sales > Reporting > Channel Dashboard draws its charts and key figures."""
        self.env["channel.sale.summary"]._cron_refresh()
        self.start_tour("/odoo", "channel_analytics_dashboard_tour", login="admin", timeout=120)
