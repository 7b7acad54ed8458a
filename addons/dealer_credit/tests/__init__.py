from . import (
    test_credit_concurrency,
    test_credit_exposure,
    test_credit_hold,
    test_credit_score,
    test_deposit,
    test_non_dealer,
)
