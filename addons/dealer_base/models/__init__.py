from . import dealer_level, dealer_region, res_config_settings, res_partner, sale_order
