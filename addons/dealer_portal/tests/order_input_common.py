import csv
import io

from odoo.addons.dealer_base.tests.common import DealerCase


class OrderInputCase(DealerCase):
    """Products with codes, a pack size, an excluded product and a Chinese code; file builders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A level price list of every company: the dealers' carts are priced by their own price
        # lists in the test company, as in the dealers' own company.
        cls.level_gold.pricelist_id = cls.env["product.pricelist"].create(
            {"name": "Test Order Input Gold", "currency_id": cls.env.company.currency_id.id, "company_id": False}
        )
        Product = cls.env["product.product"]
        cls.product.default_code = "T-KETTLE"
        cls.cups = Product.create(
            {
                "name": "Boxed Cups",
                "default_code": "T-CUPS",
                "list_price": 10,
                "dealer_pack_qty": 6,
                "dealer_min_qty": 12,
            }
        )
        cls.pan = Product.create({"name": "Hidden Pan", "default_code": "T-PAN", "list_price": 30})
        cls.heater = Product.create({"name": "电热水壶", "default_code": "电热水壶-01", "list_price": 199})
        cls.env["dealer.assortment.rule"].create(
            {"dealer_id": cls.dealer_a.id, "rule_type": "exclude", "product_id": cls.pan.id}
        )
        cls.many = Product.create(
            [{"name": f"Bulk Item {n}", "default_code": f"T-BULK-{n:03d}", "list_price": 5 + n} for n in range(150)]
        )

    def _cart(self, dealer=None, user=None):
        return (dealer or self.dealer_a)._dealer_portal_cart(user=user or self.portal_a)

    @staticmethod
    def _lines(cart):
        return {line.product_id.default_code: line.product_uom_qty for line in cart.order_line}

    @staticmethod
    def _xlsx(rows, header=("SKU", "Quantity"), sheet=None):
        import openpyxl  # noqa: PLC0415 - test-only

        book = openpyxl.Workbook()
        ws = book.active
        if header:
            ws.append(list(header))
        for row in rows:
            ws.append(list(row))
        if sheet:
            sheet(ws)
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()

    @staticmethod
    def _xls(rows, header=("SKU", "Quantity")):
        import xlwt  # noqa: PLC0415 - test-only

        book = xlwt.Workbook()
        ws = book.add_sheet("Order")
        for r, row in enumerate(([header] if header else []) + list(rows)):
            for c, value in enumerate(row):
                ws.write(r, c, value)
        stream = io.BytesIO()
        book.save(stream)
        return stream.getvalue()

    @staticmethod
    def _csv(rows, header=("SKU", "Quantity"), encoding="utf-8", delimiter=","):
        stream = io.StringIO()
        writer = csv.writer(stream, delimiter=delimiter)
        if header:
            writer.writerow(header)
        writer.writerows(rows)
        return stream.getvalue().encode(encoding)
