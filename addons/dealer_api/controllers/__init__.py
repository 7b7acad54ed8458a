from . import feed, main, payments
