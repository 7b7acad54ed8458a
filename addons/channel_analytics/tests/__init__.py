from . import (
    test_channel_dashboard,
    test_channel_dashboard_replica,
    test_channel_refresh_job,
    test_channel_salesperson,
    test_channel_summary_refresh,
    test_channel_tour,
    test_channel_warning,
    test_non_dealer,
)
