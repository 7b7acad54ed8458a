from odoo import _, api, fields, models

CATALOG_DEFAULT_LIMIT = 50
CATALOG_MAX_LIMIT = 200
MAX_PAGE = 100000


class DealerApiCall(models.Model):
    """The endpoints through which a dealer's system orders as the dealer does in the portal."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_int_param(self, params, name, default, maximum):
        """(value, None) of an integer query parameter between 1 and maximum, or (None, error answer)."""
        raw = params.get(name)
        if raw in (None, ""):
            return default, None
        if isinstance(raw, str) and raw.strip().isdigit() and 1 <= int(raw) <= maximum:
            return int(raw), None
        message = _("%(name)s must be a whole number from 1 to %(maximum)s.", name=name, maximum=maximum)
        return None, self._error("invalid_parameter", message, parameter=name)

    @api.model
    def _dealer_api_catalog(self, request):
        """One page of what the dealer may order: the portal catalog's products (same assortment rules),
        priced by the same price list engine path, with its price breaks and stock.

        Queries do not grow with the page's size: the products, prices (one engine call per break
        quantity), availability and the fields read are fetched in batches.
        """
        params = request["params"]
        page, page_error = self._dealer_api_int_param(params, "page", 1, MAX_PAGE)
        limit, limit_error = self._dealer_api_int_param(params, "limit", CATALOG_DEFAULT_LIMIT, CATALOG_MAX_LIMIT)
        if page_error or limit_error:
            return 400, page_error or limit_error
        dealer = request["dealer"]
        company = dealer.company_id or self.env.company
        Product = self.env["product.product"].sudo().with_company(company).with_context(lang=dealer.lang or "en_US")
        domain = dealer._dealer_portal_catalog_domain()
        total = Product.search_count(domain)
        products = Product.search(domain, limit=limit, offset=(page - 1) * limit, order="default_code, id")
        # The domain is an exact translation of the assortment rules; the check keeps them in step.
        products -= dealer._dealer_get_unauthorised(products)
        pricelist = dealer._dealer_portal_catalog_pricelist(company)
        prices = products._dealer_portal_prices(pricelist)
        availability = products._dealer_availability(dealer)
        currency = pricelist.currency_id or company.currency_id
        return 200, self._page_answer(
            dealer,
            page,
            limit,
            total,
            currency=currency.name,
            products=[
                self._dealer_api_catalog_product(product, prices.get(product.id), availability.get(product.id))
                for product in products
            ],
        )

    @api.model
    def _dealer_api_catalog_product(self, product, price, availability):
        """One product of the catalog answer; a module adding to it overrides this (no query per product)."""
        unit_price, breaks = price or (None, [])
        availability = availability or {}
        expected = availability.get("expected_date")
        return {
            "sku": product.default_code or None,
            "barcode": product.barcode or None,
            "name": product.name,
            "category": product.categ_id.name,
            "uom": product.uom_id.name,
            "price": unit_price,
            "breaks": [{"min_qty": qty, "price": qty_price} for qty, qty_price in breaks],
            "availability": {
                "state": availability.get("state", "unknown"),
                "expected_date": fields.Date.to_string(expected) if expected else None,
            },
        }
