def post_init_hook(env):
    """Dealers created before this module get their own price list."""
    env["res.partner"].search([("is_dealer", "=", True)])._dealer_sync_pricelist()
