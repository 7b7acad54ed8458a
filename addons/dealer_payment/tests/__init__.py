from . import test_invoice_payment, test_order_payment, test_order_payment_security, test_payment_credit
