from odoo.tests import HttpCase, tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestDealerTour(HttpCase, DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The tour opens the parent dealer (code TOUR-P) and finds its sub-dealer (TOUR-S) on it.
        cls.tour_parent = cls._create_dealer("TOUR-P", "Tour Parent Dealer", cls.sales_a)
        cls.tour_sub = cls._create_dealer("TOUR-S", "Tour Sub Dealer", cls.sales_a, dealer_parent_id=cls.tour_parent.id)

    def test_back_office_dealer_list_and_form(self):
        """Sales > Dealers lists the dealers; the form shows the lifecycle and the sub-dealers."""
        self.start_tour("/odoo", "dealer_base_back_office_tour", login="admin", timeout=120)
