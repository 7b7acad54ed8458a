from . import test_portal_home_rebates, test_statement_rebates
