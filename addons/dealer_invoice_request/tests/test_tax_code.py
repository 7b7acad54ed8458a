from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase

from ..tools.invoice_details import is_valid_uscc, normalize_code, uscc_check_char
from .common import CODE_A, CODE_B


class TestTaxCode(TransactionCase):
    def test_valid_codes_pass(self):
        # The example of GB 32100-2015 and the codes of the tests.
        for code in ("91350100M000100Y43", CODE_A, CODE_B):
            self.assertTrue(is_valid_uscc(code), code)

    def test_check_character_is_computed_by_the_standard(self):
        self.assertEqual(uscc_check_char("91350100M000100Y4"), "3")

    def test_invalid_codes_fail(self):
        for code in (
            "",
            "91350100M000100Y44",  # wrong check character
            "91350100M000100Y4",  # 17 characters
            "91350100M000100Y433",  # 19 characters
            "91350100I000100Y43",  # I is not in the code's characters
            "91350100O000100Y43",
            "9135010ZM000100Y43",
            "91350100S000100Y43",
            "91350100V000100Y43",
            "91350100m000100y43",  # not normalized
        ):
            self.assertFalse(is_valid_uscc(code), code)

    def test_spaces_and_lowercase_are_normalized(self):
        self.assertEqual(normalize_code(" 9135 0100m000100y43\t"), "91350100M000100Y43")

    def test_partner_stores_the_normalized_code_and_refuses_a_bad_one(self):
        partner = self.env["res.partner"].create({"name": "Code Test", "is_company": True})
        partner.dealer_invoice_tax_number = "9135 0100 m000 100y 43"
        self.assertEqual(partner.dealer_invoice_tax_number, "91350100M000100Y43")
        with self.assertRaises(ValidationError):
            partner.dealer_invoice_tax_number = "91350100M000100Y44"
        with self.assertRaises(ValidationError):
            partner.dealer_invoice_title = "x" * 101
        with self.assertRaises(ValidationError):
            partner.dealer_invoice_bank_account = "IBAN: 12/34"
