from . import main, payments
