from . import test_asiapay_notification
