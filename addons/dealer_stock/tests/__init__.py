from . import test_delivery_security, test_non_dealer
