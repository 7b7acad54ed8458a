from . import test_api_frame, test_api_key, test_api_payments, test_api_payments_concurrency, test_openapi
