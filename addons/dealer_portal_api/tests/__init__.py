from . import test_api_catalog
