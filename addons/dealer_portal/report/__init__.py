from . import dealer_statement_export
