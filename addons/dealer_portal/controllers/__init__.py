from . import home, job, order_input, portal, self_service
