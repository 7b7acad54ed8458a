from . import channel_dashboard
