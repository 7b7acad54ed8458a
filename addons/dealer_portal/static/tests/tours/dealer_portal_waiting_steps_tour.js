/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_waiting_steps_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The systray counts the dealer orders waiting",
            trigger: ".o_menu_systray .o_dealer_waiting_steps .o_dealer_waiting_steps_counter:contains('4')",
            run: "click",
        },
        {
            content: "The dealer's approver: one order",
            trigger: ".o_dealer_waiting_step[data-step=dealer_approval] .badge:contains('1')",
        },
        {
            content: "The credit hold: one order",
            trigger: ".o_dealer_waiting_step[data-step=credit_hold] .badge:contains('1')",
        },
        {
            content: "The order review: two orders, opened",
            trigger: ".o_dealer_waiting_step[data-step=dealer_review] .badge:contains('2')",
            run: "click",
        },
        {
            content: "The Order Review list shows the orders under review",
            trigger: ".o_list_view .o_data_row td:contains('Dealer A Trading')",
        },
        {
            content: "Both of them, and no other",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3))) .o_data_row td:contains('Dealer B Trading')",
        },
    ],
});
