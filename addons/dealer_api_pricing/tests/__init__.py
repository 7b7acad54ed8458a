from . import test_api_prices
