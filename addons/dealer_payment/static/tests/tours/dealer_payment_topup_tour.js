/** @odoo-module **/

import { registry } from "@web/core/registry";

// A dealer's accountant tops up the deposit online: the amount on the deposit page, Odoo's payment
// form with the brand's providers, the demo provider (successful), then the top-up's status.
registry.category("web_tour.tours").add("dealer_payment_topup_tour", {
    url: "/my/dealer/credit",
    steps: () => [
        { content: "The deposit page offers a top-up", trigger: ".o_dealer_topup_form" },
        { content: "Enter an amount", trigger: "#dealer_topup_amount", run: "edit 8888.88" },
        { content: "Top up online", trigger: ".o_dealer_topup_submit", run: "click" },
        {
            content: "The payment form of the top-up, for the amount entered",
            trigger: ".o_dealer_topup_payment #o_payment_form",
            run() {
                if (new URLSearchParams(window.location.search).get("amount") !== "8888.88") {
                    throw new Error(`Unexpected amount in ${window.location.search}`);
                }
            },
        },
        {
            content: "Choose the demo provider",
            trigger: 'input[name="o_payment_radio"][data-provider-code="demo"]',
            run: "click",
        },
        { content: "Simulate a successful payment", trigger: "#simulated_payment_state", run: "select done" },
        { content: "Pay", trigger: 'button[name="o_payment_submit_button"]:not(:disabled)', run: "click" },
        { content: "The top-up is confirmed", trigger: ".o_dealer_topup_done", timeout: 30000 },
        { content: "Back to the deposit", trigger: ".o_dealer_topup_back", run: "click" },
        { content: "The top-up is listed", trigger: ".o_dealer_topup_line" },
    ],
});
