import base64
import io
from datetime import date, datetime

from odoo import Command

from odoo.addons.dealer_base.tests.common import DealerCase


class DealerPricingCase(DealerCase):
    """DealerCase with a Gold price list (-12%, -14% from 100 units) and a second product."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        currency = cls.env.company.currency_id
        cls.pricelist_gold = cls.env["product.pricelist"].create(
            {
                "name": "Test Gold",
                "currency_id": currency.id,
                "company_id": False,
                "item_ids": [
                    Command.create({"applied_on": "3_global", "compute_price": "percentage", "percent_price": 12}),
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 14,
                            "min_quantity": 100,
                        }
                    ),
                ],
            }
        )
        cls.level_gold.pricelist_id = cls.pricelist_gold
        cls.level_plain = cls.env["dealer.level"].create({"name": "Plain", "code": "T-PLAIN"})
        cls.categ_parts = cls.env["product.category"].create({"name": "Test Parts"})
        cls.product_part = cls.env["product.product"].create(
            {"name": "Test Lid", "default_code": "T-LID", "list_price": 200.0, "categ_id": cls.categ_parts.id}
        )
        cls.product.default_code = "T-KETTLE"
        (cls.dealer_a | cls.dealer_b).write({"tz": "Asia/Shanghai"})

    @classmethod
    def _price(cls, dealer, price, product=None, **vals):
        return cls.env["dealer.price"].create(
            dict({"dealer_id": dealer.id, "product_id": (product or cls.product).id, "price": price}, **vals)
        )

    def _sale(self, dealer, lines, date_order=None):
        vals = {
            "partner_id": dealer.id,
            "order_line": [
                Command.create({"product_id": product.id, "product_uom_qty": qty}) for product, qty in lines
            ],
        }
        if date_order:
            vals["date_order"] = date_order
        return self.env["sale.order"].create(vals)

    @staticmethod
    def _xlsx(rows):
        import openpyxl  # noqa: PLC0415 - test-only dependency of the import tests

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Dealer Code", "SKU", "Price", "Min. Quantity", "Valid From", "Valid To"])
        for row in rows:
            sheet.append(list(row))
        stream = io.BytesIO()
        book.save(stream)
        return base64.b64encode(stream.getvalue())

    @staticmethod
    def _xls(rows):
        """An .xls (Excel 97-2003) file; date values are written as real date cells."""
        import xlwt  # noqa: PLC0415 - test-only dependency of the import tests

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Prices")
        date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
        for r, row in enumerate([("Dealer Code", "SKU", "Price", "Min. Quantity", "Valid From", "Valid To"), *rows]):
            for col, value in enumerate(row):
                if isinstance(value, date):
                    sheet.write(r, col, value, date_style)
                elif value is not None:
                    sheet.write(r, col, value)
        stream = io.BytesIO()
        book.save(stream)
        return base64.b64encode(stream.getvalue())

    @staticmethod
    def _utc(text):
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
