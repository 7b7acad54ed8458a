from . import (
    account_move,
    dealer_rebate_accrual,
    dealer_rebate_adjustment,
    dealer_rebate_program,
    dealer_rebate_settlement,
    dealer_rebate_tier,
)
