from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import InvoiceRequestCase


@tagged("post_install", "-at_install")
class TestInvoiceRequest(InvoiceRequestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls.env["res.users"].create(
            {
                "name": "Brand Accountant",
                "login": "t_brand_accountant",
                "groups_id": [(6, 0, cls.env.ref("account.group_account_invoice").ids)],
            }
        )

    def _domain(self, xmlid):
        return safe_eval(self.env.ref(xmlid).domain)

    def test_type_and_details_are_carried_to_the_invoice_and_kept(self):
        order = self._sale(self.dealer_a, dealer_invoice_type="special")
        invoice = order._create_invoices()
        self.assertEqual(invoice.dealer_invoice_type, "special")
        self.assertEqual(invoice.dealer_invoice_title, "Dealer A Trading Co., Ltd.")
        self.assertEqual(invoice.dealer_invoice_tax_number, "91310115MA1H8X000D")
        self.assertEqual(invoice.dealer_invoice_bank_account, "3100 1234 5678 9012")
        invoice.action_post()
        # A later change of the dealer's account does not rewrite the issued invoice's header.
        self.dealer_a.dealer_invoice_title = "Dealer A Renamed Co., Ltd."
        self.assertEqual(invoice.dealer_invoice_title, "Dealer A Trading Co., Ltd.")

    def test_orders_of_different_types_get_different_invoices(self):
        orders = self._sale(self.dealer_a, dealer_invoice_type="special") | self._sale(
            self.dealer_a, dealer_invoice_type="ordinary"
        )
        invoices = orders._create_invoices()
        self.assertEqual(len(invoices), 2)
        self.assertEqual(set(invoices.mapped("dealer_invoice_type")), {"special", "ordinary"})

    def test_non_dealer_invoice_is_unchanged(self):
        invoice = self._sale(self.customer)._create_invoices()
        self.assertFalse(invoice.dealer_invoice_type)
        self.assertFalse(invoice.dealer_invoice_title)

    def test_back_office_lists_orders_and_invoices_awaiting_an_invoice(self):
        special = self._sale(self.dealer_a, dealer_invoice_type="special")
        ordinary = self._sale(self.dealer_b, dealer_invoice_type="ordinary")
        none = self._sale(self.dealer_b, dealer_invoice_type="none")
        draft = self._sale(self.dealer_a, confirm=False)
        other = self._sale(self.customer)
        orders = special | ordinary | none | draft | other
        domain = self._domain("dealer_invoice_request.sale_order_action_dealer_invoice_request")
        Order = self.env["sale.order"]
        self.assertEqual(Order.search([*domain, ("id", "in", orders.ids)]), special | ordinary)
        invoice_special = special._create_invoices()
        invoice_ordinary = ordinary._create_invoices()
        (invoice_special | invoice_ordinary | none._create_invoices() | other._create_invoices()).action_post()
        # Fully invoiced orders leave the list; their posted invoices wait for their VAT invoice.
        self.assertFalse(Order.search([*domain, ("id", "in", orders.ids)]))
        moves_domain = self._domain("dealer_invoice_request.account_move_action_dealer_vat_invoice")
        Move = self.env["account.move"].with_user(self.accountant)
        waiting = Move.search(
            [*moves_domain, ("partner_id", "in", (self.dealer_a | self.dealer_b | self.customer).ids)]
        )
        self.assertEqual(waiting, invoice_special | invoice_ordinary)
        # Entering the VAT invoice's number marks it issued.
        invoice_special.with_user(self.accountant).dealer_vat_invoice_number = " 0123 4567 "
        self.assertEqual(invoice_special.dealer_vat_invoice_number, "01234567")
        self.assertEqual(Move.search([*moves_domain, ("id", "in", waiting.ids)]), invoice_ordinary)

    def test_vat_invoice_number_is_checked(self):
        invoice = self._sale(self.dealer_a)._create_invoices()
        for number in ("1234567", "1" * 21, "12345678A", "1234-5678"):
            with self.assertRaises(ValidationError, msg=number):
                invoice.dealer_vat_invoice_number = number
        invoice.dealer_vat_invoice_number = "24312000000012345678"
        self.assertEqual(invoice.dealer_vat_invoice_number, "24312000000012345678")

    def test_credit_note_keeps_the_header(self):
        invoice = self._sale(self.dealer_a, dealer_invoice_type="special")._create_invoices()
        invoice.action_post()
        refund = invoice._reverse_moves()
        self.assertEqual(refund.dealer_invoice_type, "special")
        self.assertEqual(refund.dealer_invoice_tax_number, "91310115MA1H8X000D")

    def test_invoice_type_is_computed_in_batch(self):
        def queries(count):
            orders = self.env["sale.order"].create(
                [{"partner_id": (self.dealer_a | self.dealer_b | self.customer)[i % 3].id} for i in range(count)]
            )
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            orders._compute_dealer_invoice_type()
            return self.cr.sql_log_count - before

        # As many queries for 30 orders as for 3: none per order.
        self.assertEqual(queries(30), queries(3))
