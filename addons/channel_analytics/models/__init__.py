from . import (
    channel_dashboard,
    channel_payment_summary,
    channel_sale_summary,
    channel_warning,
    mail_activity,
    res_company,
    res_config_settings,
    res_partner,
)
