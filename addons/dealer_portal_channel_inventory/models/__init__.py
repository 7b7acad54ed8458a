from . import dealer_channel_stock, dealer_stock_report
