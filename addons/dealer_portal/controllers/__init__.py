from . import portal, self_service
