from . import test_scorecard_rebate
