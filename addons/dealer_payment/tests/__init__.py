from . import test_invoice_payment
from . import test_order_payment
from . import test_order_payment_security
from . import test_payment_credit
