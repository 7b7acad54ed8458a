from . import test_channel_dashboard, test_channel_stock_dashboard, test_channel_tour, test_channel_warning
