from . import dealer_api_call
from . import dealer_api_call_accounting
from . import dealer_api_call_orders
from . import dealer_api_call_returns
from . import dealer_api_key
from . import sale_order
