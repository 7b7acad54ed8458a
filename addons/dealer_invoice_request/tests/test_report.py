from odoo.tests import tagged

from .common import InvoiceRequestCase


@tagged("post_install", "-at_install")
class TestInvoiceReport(InvoiceRequestCase):
    def _html(self, invoice):
        html, _type = self.env["ir.actions.report"]._render_qweb_html("account.account_invoices", invoice.ids)
        return html.decode()

    def test_dealer_invoice_prints_type_and_details(self):
        invoice = self._sale(self.dealer_a, dealer_invoice_type="special")._create_invoices()
        invoice.action_post()
        html = self._html(invoice)
        self.assertIn("o_dealer_invoice_request_details", html)
        for text in ("Special VAT Invoice", "Dealer A Trading Co., Ltd.", "91310115MA1H8X000D", "3100 1234 5678 9012"):
            self.assertIn(text, html)

    def test_non_dealer_invoice_prints_as_in_odoo(self):
        invoice = self._sale(self.customer)._create_invoices()
        invoice.action_post()
        html = self._html(invoice)
        self.assertNotIn("o_dealer_invoice_request_details", html)
        self.assertNotIn("Invoice Type", html)
        # The same page as without this module's view.
        view = self.env.ref("dealer_invoice_request.report_invoice_document")
        view.active = False
        self.assertEqual(self._html(invoice), html)
