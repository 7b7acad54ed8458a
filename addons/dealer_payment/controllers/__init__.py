from . import portal, topup
