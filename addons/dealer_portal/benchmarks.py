"""dealer_portal: what a catalog page of the dealer portal costs."""

from bench.registry import bench_case

PAGE_SIZE = 24


def _catalog_page_setup(env):
    price = env["dealer.price"].search([], limit=1, order="id")
    dealer = price.dealer_id
    domain = [("sale_ok", "=", True), *dealer._dealer_portal_authorised_domain()]
    products = env["product.product"].search(domain, limit=PAGE_SIZE, order="default_code, id")
    plain = env["product.pricelist"].create({"name": "Bench plain price list"})
    return {"dealer": dealer, "pricelist": dealer.dealer_pricelist_id, "products": products, "plain": plain}


def _native_catalog_page(env, ctx):
    # An ordinary customer's page: one price each from a plain price list.
    ctx["plain"]._get_products_price(ctx["products"], 1.0)


@bench_case(
    "portal catalog page: authorised search, prices with breaks and stock of 24 products",
    native=_native_catalog_page,
    setup=_catalog_page_setup,
    sizes=("s", "m", "l"),
    repeat=7,
)
def dealer_portal_catalog_page(env, ctx):
    dealer = ctx["dealer"]
    domain = [("sale_ok", "=", True), *dealer._dealer_portal_authorised_domain()]
    products = env["product.product"].search(domain, limit=PAGE_SIZE, order="default_code, id")
    products._dealer_portal_prices(ctx["pricelist"])
    products._dealer_availability(dealer)
