from . import (
    account_move,
    dealer_application,
    dealer_portal_demo,
    dealer_return,
    dealer_statement,
    dealer_user_role,
    product_template,
    res_partner,
    res_partner_sub_dealer,
    sale_order,
    sale_order_approval,
)
