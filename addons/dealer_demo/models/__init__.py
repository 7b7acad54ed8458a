from . import dealer_demo
