{
    "name": "Dealer Invoice Requests",
    "summary": "VAT invoice requests (开票申请) of dealers: invoice details on the dealer's account, the invoice "
    "type wanted on each order, the details on the invoice and its PDF, the accountant's list of invoices to issue",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "Dealer Platform",
    "website": "https://github.com/dealer-platform/dealer-platform",
    "maintainers": ["dealer-platform"],
    "development_status": "Beta",
    "depends": ["dealer_portal", "account"],
    "data": [
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/portal_templates.xml",
        "report/report_invoice.xml",
        "views/dealer_invoice_request_menus.xml",
    ],
    "installable": True,
    "application": False,
}
