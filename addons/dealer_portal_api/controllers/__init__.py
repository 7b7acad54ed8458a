from . import api
from . import orders
