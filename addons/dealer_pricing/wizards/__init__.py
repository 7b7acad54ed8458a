from . import dealer_price_import
