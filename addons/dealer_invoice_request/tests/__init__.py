from . import test_checkout, test_invoice, test_invoice_details, test_report, test_tax_code
