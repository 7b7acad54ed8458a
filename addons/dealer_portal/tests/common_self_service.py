import io
from datetime import timedelta

from PyPDF2 import PdfReader
from PyPDF2.generic import ContentStream

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.dealer_credit.tests.common import CreditCase

from .common import WarehouseAvailabilityMixin

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# A Windows executable renamed to .pdf / .png: refused by content.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def pdf_strings(content):
    """Every string drawn on the pages of a PDF made with the CID font (UTF-16 text operands)."""
    reader = PdfReader(io.BytesIO(content))
    strings = []
    for page in reader.pages:
        stream = ContentStream(page.get_contents(), reader)
        for operands, operator in stream.operations:
            if operator == b"Tj":
                raw = operands[0]
                data = raw.original_bytes if hasattr(raw, "original_bytes") else bytes(raw)
                strings.append(data.decode("utf-16-be", "replace"))
    return strings


class SelfServiceCase(WarehouseAvailabilityMixin, CreditCase):
    """Dealers A and B of the credit tests, a stockable product, colleagues with roles for dealer A."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dealer_a.credit_limit = 1000000.0
        cls.dealer_b.credit_limit = 1000000.0
        cls.product.write({"is_storable": True, "invoice_policy": "delivery", "default_code": "T-KETTLE"})
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.warehouse.lot_stock_id, 1000)
        # Orders that reach the brand's review pass it: stock known and enough, no minimum amount.
        cls.env["ir.config_parameter"].sudo().set_param("dealer_portal.min_order_amount", "0")
        cls.buyer_a = cls._colleague(cls.dealer_a, "t_buyer_a", buyer=True, limit=500.0)
        cls.approver_a = cls._colleague(cls.dealer_a, "t_approver_a", approver=True)
        cls.accountant_a = cls._colleague(cls.dealer_a, "t_accountant_a", accountant=True)
        today = fields.Date.context_today(cls.env.user)
        cls.month_end = today.replace(day=1) - timedelta(days=1)
        cls.month_start = cls.month_end.replace(day=1)

    @classmethod
    def _colleague(cls, dealer, login, limit=0.0, **roles):
        user = cls._create_portal_user(dealer, login)
        cls.env["dealer.user.role"].create(
            dict(
                {f"is_{role}": roles.get(role, False) for role in ("admin", "buyer", "approver", "accountant")},
                user_id=user.id,
                partner_id=dealer.id,
                order_limit=limit,
            )
        )
        return user

    @classmethod
    def _manager_user(cls):
        return new_test_user(
            cls.env,
            "t_return_manager",
            groups="dealer_base.group_dealer_manager,stock.group_stock_manager,account.group_account_invoice",
        )

    @classmethod
    def _delivered_order(cls, dealer, qty=5):
        order = cls.env["sale.order"].create(
            {
                "partner_id": dealer.id,
                "order_line": [Command.create({"product_id": cls.product.id, "product_uom_qty": qty})],
            }
        )
        order.action_confirm()
        picking = order.picking_ids
        picking.move_ids.quantity = qty
        picking.button_validate()
        return order

    def _move(self, dealer, amount, day, move_type="out_invoice"):
        invoice = self.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": dealer.id,
                "invoice_date": day,
                "date": day,
                "invoice_date_due": day,
                "invoice_line_ids": [
                    Command.create({"name": "Goods", "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()]})
                ],
            }
        )
        invoice.action_post()
        return invoice
