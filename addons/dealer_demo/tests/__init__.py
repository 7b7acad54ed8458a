from . import test_demo_story, test_payment_order_tour, test_payment_topup_tour
