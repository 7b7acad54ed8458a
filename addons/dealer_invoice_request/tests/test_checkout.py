from odoo import Command
from odoo.exceptions import UserError
from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import InvoiceRequestCase


@tagged("post_install", "-at_install")
class TestCheckoutInvoiceType(HttpCase, InvoiceRequestCase):
    def _cart(self, dealer, user):
        cart = dealer._dealer_portal_cart(user=user)
        cart.write({"order_line": [Command.create({"product_id": self.goods.id, "product_uom_qty": 2})]})
        return cart

    def _form(self, dealer, **values):
        address = dealer.sudo()._dealer_portal_delivery_addresses()[:1]
        return dict({"partner_shipping_id": address.id, "dealer_payment_method": "credit"}, **values)

    def _vals(self, dealer, user, **values):
        cart = self._cart(dealer, user)
        return cart._dealer_portal_checkout_vals(
            self._form(dealer, **values), dealer._dealer_portal_delivery_addresses()
        )

    def test_each_invoice_type_is_taken(self):
        for invoice_type in ("special", "ordinary", "none"):
            vals = self._vals(self.dealer_a, self.portal_a, dealer_invoice_type=invoice_type)
            self.assertEqual(vals["dealer_invoice_type"], invoice_type)

    def test_special_invoice_without_details_is_refused(self):
        with self.assertRaisesRegex(UserError, "special VAT invoice needs your complete invoice details"):
            self._vals(self.dealer_b, self.portal_b, dealer_invoice_type="special")
        self.assertEqual(
            self._vals(self.dealer_b, self.portal_b, dealer_invoice_type="ordinary")["dealer_invoice_type"], "ordinary"
        )

    def test_unknown_type_is_refused_with_the_other_errors(self):
        with self.assertRaises(UserError) as caught:
            self._vals(self.dealer_a, self.portal_a, dealer_invoice_type="golden", dealer_payment_method="")
        self.assertIn("Choose an invoice type.", str(caught.exception))
        self.assertIn("Choose a payment method.", str(caught.exception))

    def test_form_without_type_takes_the_dealer_default(self):
        self.assertEqual(self._vals(self.dealer_b, self.portal_b)["dealer_invoice_type"], "ordinary")
        self.dealer_a.dealer_invoice_default_type = "special"
        self.assertEqual(self._cart(self.dealer_a, self.portal_a).dealer_invoice_type, "special")
        self.assertEqual(self._vals(self.dealer_a, self.portal_a)["dealer_invoice_type"], "special")

    def test_checkout_page_offers_the_types_and_the_order_page_shows_the_choice(self):
        self.dealer_a.dealer_invoice_default_type = "special"
        cart = self._cart(self.dealer_a, self.portal_a)
        self.authenticate("t_portal_a", "t_portal_a")
        page = self.url_open("/my/dealer/checkout")
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="dealer_invoice_type"', page.text)
        self.assertIn('id="invoice_type_special" value="special" checked', page.text)
        form = self._form(self.dealer_a, dealer_invoice_type="none", csrf_token=Request.csrf_token(self))
        response = self.url_open("/my/dealer/checkout/submit", data=form)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.dealer_invoice_type, "none")
        self.assertIn("o_dealer_order_invoice_type", self.url_open(f"/my/dealer/orders/{cart.id}").text)

    def test_checkout_of_special_invoice_without_details_is_refused_on_the_page(self):
        cart = self._cart(self.dealer_b, self.portal_b)
        self.authenticate("t_portal_b", "t_portal_b")
        form = self._form(self.dealer_b, dealer_invoice_type="special", csrf_token=Request.csrf_token(self))
        response = self.url_open("/my/dealer/checkout/submit", data=form)
        self.assertIn("o_dealer_checkout_errors", response.text)
        self.assertIn("o_dealer_invoice_missing", response.text)
        self.assertEqual(cart.state, "draft")

    def test_non_dealer_orders_have_no_invoice_type(self):
        self.assertFalse(self._sale(self.customer, confirm=False).dealer_invoice_type)
        self.assertEqual(self._sale(self.dealer_b, confirm=False).dealer_invoice_type, "ordinary")
