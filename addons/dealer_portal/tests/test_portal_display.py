import re

from lxml import html

from odoo.tests import HttpCase, tagged

from odoo.addons.dealer_base.tools import format_number
from odoo.addons.dealer_portal.report.dealer_statement_export import _amount

from .common import DealerPortalCase

# Odoo writes a minus sign followed by a zero width no-break space.
NEGATIVE_ZERO = re.compile("-\N{ZERO WIDTH NO-BREAK SPACE}?0\\.00(?!\\d)")


@tagged("post_install", "-at_install")
class TestDealerPortalDisplay(HttpCase, DealerPortalCase):
    def test_tiny_negative_amount_reads_zero_on_a_dealer_page(self):
        order = self._order(self.dealer_a)
        order.order_line.price_unit = -0.001
        order.action_confirm()
        self.authenticate("t_portal_a", "t_portal_a")
        response = self.url_open(f"/my/dealer/orders/{order.id}")
        self.assertEqual(response.status_code, 200)
        page = html.fromstring(response.text)
        line_cells = page.xpath("//tr[hasclass('o_dealer_order_line')]/td")
        self.assertTrue(line_cells)
        text = response.text
        self.assertNotRegex(text, NEGATIVE_ZERO)
        self.assertIn("0.00", page.xpath("string(//td[hasclass('o_dealer_order_untaxed')])"))

    def test_other_pages_keep_odoo_amount_format(self):
        currency = self.env.company.currency_id
        converter = self.env["ir.qweb.field.monetary"]
        self.assertRegex(converter.value_to_html(-0.001, {"display_currency": currency}), NEGATIVE_ZERO)
        dealer_page = converter.with_context(dealer_portal_zero_amounts=True)
        self.assertNotRegex(dealer_page.value_to_html(-0.001, {"display_currency": currency}), NEGATIVE_ZERO)
        cent = dealer_page.value_to_html(-0.01, {"display_currency": currency})
        self.assertRegex(cent, "-\N{ZERO WIDTH NO-BREAK SPACE}?0\\.01")

    def test_statement_files_and_numbers_have_no_negative_zero(self):
        self.assertEqual(_amount(-0.001), "0.00")
        self.assertEqual(_amount(-1234.567), "-1,234.57")
        self.assertEqual(format_number(-0.0), "0")


@tagged("post_install", "-at_install")
class TestDealerLoginLabel(HttpCase):
    def _login_field(self):
        self.authenticate(None, None)
        page = html.fromstring(self.url_open("/web/login").text)
        labels = page.xpath("//label[@for='login']")
        inputs = page.xpath("//input[@name='login']")
        self.assertEqual((len(labels), len(inputs)), (1, 1))
        return labels[0].text_content().strip(), inputs[0]

    def test_login_field_asks_for_an_email_by_default(self):
        self.env["ir.config_parameter"].sudo().set_param("dealer_portal.login_not_email", False)
        label, field = self._login_field()
        # In English, or in Chinese where the public user's language is (the demo brand).
        self.assertIn(label, ("Email", "电子邮件"))
        self.assertEqual(field.get("placeholder"), label)

    def test_login_field_asks_for_an_account_when_logins_are_not_emails(self):
        settings = self.env["res.config.settings"].create({"dealer_portal_login_not_email": True})
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].sudo().get_param("dealer_portal.login_not_email"), "True")
        label, field = self._login_field()
        self.assertIn(label, ("Account", "账号"))
        self.assertEqual(field.get("placeholder"), label)
        self.assertEqual(field.get("type"), "text")
        self.assertEqual(field.get("autocomplete"), "username")
