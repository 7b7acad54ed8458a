from . import shipments
