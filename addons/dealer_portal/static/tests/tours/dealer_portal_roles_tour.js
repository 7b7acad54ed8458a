/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_approver_tour", {
    url: "/my/dealer",
    steps: () => [
        {
            content: "The approver sees one order waiting",
            trigger: ".o_dealer_link_approvals:contains('1')",
            run: "click",
        },
        {
            content: "The buyer's order waits for the approver",
            trigger: ".o_dealer_approval:contains('t_buyer_a') .o_dealer_approve",
        },
        { content: "Approve it", trigger: ".o_dealer_approval .o_dealer_approve", run: "click" },
        { content: "It goes on to the brand", trigger: ".o_dealer_message:contains('approved and sent')" },
        { content: "Nothing is left to decide", trigger: ".o_dealer_approvals_empty" },
        {
            content: "The decision is listed below",
            trigger: ".o_dealer_approvals_decided .o_dealer_approval_state:contains('Approved by the Dealer')",
        },
    ],
});
