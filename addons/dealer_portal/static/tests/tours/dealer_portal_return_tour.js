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
