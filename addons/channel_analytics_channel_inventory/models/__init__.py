from . import channel_dashboard_stock
