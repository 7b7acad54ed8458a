from . import test_demo_story
from . import test_payment_order_tour
