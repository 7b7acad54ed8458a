from . import test_api_vat_numbers
