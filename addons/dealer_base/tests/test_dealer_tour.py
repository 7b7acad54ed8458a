from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDealerTour(HttpCase):
    def setUp(self):
        super().setUp()
        # The demo brand's back office, as make run opens it.
        self.env.ref("base.user_admin").company_id = self.env.ref("dealer_base.brand_company")

    def test_back_office_dealer_list_and_form(self):
        """Sales > Dealers lists the demo dealers; the form shows the lifecycle."""
        self.start_tour("/odoo", "dealer_base_back_office_tour", login="admin", timeout=120)
