from . import vat_numbers
