"""China's unified social credit code (统一社会信用代码, GB 32100-2015) and VAT invoice numbers."""

import re

# The 31 characters of the code, in the order of their values: digits and uppercase letters
# without I, O, Z, S and V.
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_LENGTH = 18

# A VAT invoice number: 8 digits (paper invoices) to 20 digits (fully digital invoices, 数电发票).
VAT_INVOICE_NUMBER_RE = re.compile(r"^[0-9]{8,20}$")

INVOICE_TYPES = [
    ("special", "Special VAT Invoice"),
    ("ordinary", "Ordinary VAT Invoice"),
    ("none", "No Invoice"),
]
# The invoice types that ask the brand's accountant for a VAT invoice.
VAT_INVOICE_TYPES = ("special", "ordinary")

# Maximum lengths of the invoice details (characters).
MAX_LENGTHS = {
    "dealer_invoice_title": 100,
    "dealer_invoice_tax_number": USCC_LENGTH,
    "dealer_invoice_bank": 100,
    "dealer_invoice_bank_account": 40,
    "dealer_invoice_address_phone": 200,
}
BANK_ACCOUNT_RE = re.compile(r"^[0-9][0-9 \-]*$")


def normalize_code(value):
    """The code as written by people: spaces removed, letters uppercased."""
    return re.sub(r"\s+", "", value or "").upper()


def uscc_check_char(first17):
    """The check character (the 18th) of the 17 first characters of a code."""
    total = sum(USCC_CHARS.index(char) * weight for char, weight in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(value):
    """Whether value (normalized) is a unified social credit code with a right check character."""
    if len(value) != USCC_LENGTH or any(char not in USCC_CHARS for char in value):
        return False
    return uscc_check_char(value[:17]) == value[17]


def normalize_vat_invoice_number(value):
    return re.sub(r"\s+", "", value or "")
