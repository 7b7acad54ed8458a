from . import (
    test_dealer_availability,
    test_dealer_job,
    test_dealer_lifecycle,
    test_dealer_security,
    test_dealer_tour,
    test_dealer_waiting_steps,
    test_non_dealer,
    test_spreadsheet,
    test_xlsx,
)
