from odoo import Command, http

from odoo.addons.dealer_base.tests.common import DealerCase

LOW_QTY = 10.0


def warehouse_availability(products, dealer):
    """What a stock module tells the portal (dealer_base's _dealer_availability hook): here the
    quantity free in the company's warehouses, 'low' under 10. The portal's tests do not depend on
    which stock module is installed, nor on its rules for serving a region."""
    result = {}
    for product in products:
        qty = product.free_qty
        state = "out" if qty <= 0 else "low" if qty < LOW_QTY else "in_stock"
        result[product.id] = {"state": state, "qty": qty, "expected_date": False}
    return result


class WarehouseAvailabilityMixin:
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.classPatch(type(cls.env["product.product"]), "_dealer_availability", warehouse_availability)


class DealerPortalCase(WarehouseAvailabilityMixin, DealerCase):
    """Dealers A and B in a region, with products in stock in the company's warehouse (the portal
    knows the stock through warehouse_availability) and a price list with a quantity break."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        # A level price list of every company, so the dealers' price lists apply in the test company.
        cls.level_gold.pricelist_id = cls.env["product.pricelist"].create(
            {"name": "Test Portal Gold", "currency_id": cls.company.currency_id.id, "company_id": False}
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.categ = cls.env["product.category"].create({"name": "Portal Test Appliances"})
        cls.kettle, cls.fan, cls.cups, cls.pan = cls.env["product.product"].create(
            [
                cls._product_vals("PT-KETTLE", "Portal Kettle", 100.0),
                cls._product_vals("PT-FAN", "Portal Fan", 200.0),
                dict(cls._product_vals("PT-CUPS", "Portal Cups", 10.0), dealer_pack_qty=6, dealer_min_qty=6),
                cls._product_vals("PT-PAN", "Portal Pan", 50.0),
            ]
        )
        for product in (cls.kettle, cls.fan, cls.cups):
            cls.env["stock.quant"]._update_available_quantity(product, cls.warehouse.lot_stock_id, 500)
        cls.kettle.barcode = "6900000000017"
        # A tier: from 10 kettles, 80 instead of the list price.
        pricelist = cls.dealer_a.with_company(cls.company).property_product_pricelist
        cls.env["dealer.price"].create(
            {"dealer_id": cls.dealer_a.id, "product_id": cls.kettle.id, "price": 80.0, "min_quantity": 10}
        )
        cls.pricelist_a = pricelist
        # Dealer A may not buy the pan.
        cls.env["dealer.assortment.rule"].create(
            {"dealer_id": cls.dealer_a.id, "rule_type": "exclude", "product_id": cls.pan.id}
        )
        cls.address_a = cls.env["res.partner"].create(
            {"name": "Dealer A Depot", "parent_id": cls.dealer_a.id, "type": "delivery", "city": "Test Region"}
        )
        cls.foreign_region = cls.env["dealer.region"].create(
            {"name": "Far Region", "code": "T-FAR", "region_type": "region"}
        )
        cls.address_far = cls.env["res.partner"].create(
            {
                "name": "Dealer A Far Depot",
                "parent_id": cls.dealer_a.id,
                "type": "delivery",
                "dealer_region_id": cls.foreign_region.id,
            }
        )
        cls.env["ir.config_parameter"].sudo().set_param("dealer_portal.min_order_amount", "0")
        # Odoo's own demo promotions stay out of the amounts asserted here.
        cls.env["loyalty.program"].search([]).action_archive()

    @classmethod
    def _product_vals(cls, code, name, price):
        return {
            "name": name,
            "default_code": code,
            "list_price": price,
            "is_storable": True,
            "categ_id": cls.categ.id,
            "taxes_id": [Command.clear()],
        }

    def _post(self, url, data=None, **kwargs):
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, **kwargs)

    def _cart(self, dealer, user):
        return dealer._dealer_portal_cart(user=user)
