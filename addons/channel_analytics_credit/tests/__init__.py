from . import test_dashboard_credit_holds
