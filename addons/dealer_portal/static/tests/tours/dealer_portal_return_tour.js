/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_return_request_tour", {
    url: "/my/dealer",
    steps: () => [
        { content: "Open the returns", trigger: ".o_dealer_link_returns", run: "click" },
        { content: "Pick the delivered order", trigger: ".o_dealer_return_order", run: "click" },
        { content: "Return two kettles", trigger: ".o_dealer_return_qty[data-product='T-KETTLE']", run: "edit 2" },
        { content: "Say why", trigger: "textarea[name=reason]", run: "edit Two kettles arrived dented" },
        { content: "Send the request", trigger: ".o_dealer_return_submit", run: "click" },
        { content: "The request waits for the brand", trigger: ".o_dealer_return .o_dealer_return_state:contains('Requested')" },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_return_refunded_tour", {
    url: "/my/dealer/returns",
    steps: () => [
        { content: "Open the return request", trigger: ".o_dealer_return_row a", run: "click" },
        { content: "The request shows the credit note", trigger: ".o_dealer_return_credit_note a" },
        { content: "Its state is visible", trigger: ".o_dealer_return_state:contains('Credit Note Issued')" },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_back_office_returns_tour", {
    url: "/odoo/action-dealer_portal.dealer_return_action",
    steps: () => [
        {
            content: "The return to decide is listed",
            trigger: ".o_list_view .o_data_row td:contains('Dealer A Trading')",
            run: "click",
        },
        { content: "Its reason is shown", trigger: ".o_form_view .o_field_widget[name=reason]:contains('Lid broken')" },
        { content: "Approve it", trigger: ".o_form_view .o_statusbar_buttons button[name=action_approve]", run: "click" },
        { content: "Confirm", trigger: ".modal-footer .btn-primary", run: "click" },
        {
            content: "The return transfer is linked",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_back_office_statements_tour", {
    url: "/odoo/action-dealer_portal.dealer_statement_action",
    steps: () => [
        {
            content: "The disputed statement is listed first",
            trigger: ".o_list_view .o_data_row td:contains('Payment missing')",
            run: "click",
        },
        { content: "Its form shows the closing balance", trigger: ".o_form_view .o_field_widget[name=closing_balance]" },
    ],
});
