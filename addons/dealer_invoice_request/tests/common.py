from odoo import Command

from odoo.addons.dealer_portal.tests.common_self_service import SelfServiceCase

# Fictitious unified social credit codes with a right check character.
CODE_A = "91310115MA1H8X000D"
CODE_B = "91440106MA5C6R000Y"


def details(title="Dealer A Trading Co., Ltd.", code=CODE_A, **vals):
    return dict(
        {
            "dealer_invoice_title": title,
            "dealer_invoice_tax_number": code,
            "dealer_invoice_bank": "Bank of Testing, Pudong Branch",
            "dealer_invoice_bank_account": "3100 1234 5678 9012",
            "dealer_invoice_address_phone": "88 Zhangjiang Road, Shanghai 021-5080 0001",
        },
        **vals,
    )


class InvoiceRequestCase(SelfServiceCase):
    """Dealers A (with complete invoice details) and B (without), their colleagues with roles, a
    customer outside the channel and a product invoiced on order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a.write(details())
        cls.customer = cls.env["res.partner"].create({"name": "Walk-in Customer", "is_company": True})
        cls.goods = cls.env["product.product"].create(
            {
                "name": "Invoice Test Kettle",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _sale(cls, partner, confirm=True, **vals):
        order = cls.env["sale.order"].create(
            dict(
                {
                    "partner_id": partner.id,
                    "order_line": [Command.create({"product_id": cls.goods.id, "product_uom_qty": 2})],
                },
                **vals,
            )
        )
        if confirm:
            order.action_confirm()
        return order
