from . import (
    test_invoice_payment,
    test_notification_guard,
    test_order_payment,
    test_order_payment_replica,
    test_order_payment_security,
    test_payment_credit,
    test_payment_form_concurrency,
    test_topup,
    test_topup_concurrency,
    test_topup_portal,
)
