from . import (
    test_non_dealer,
    test_rebate_accrual,
    test_rebate_performance,
    test_rebate_replica,
    test_rebate_security,
    test_rebate_settle_job,
    test_rebate_settlement,
)
