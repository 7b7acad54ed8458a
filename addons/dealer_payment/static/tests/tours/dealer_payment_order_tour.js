/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_payment_order_tour", {
    steps: () => [
        {
            content: "The cart holds the order to place",
            trigger: "tr.o_dealer_cart_line",
        },
        {
            content: "Go to checkout",
            trigger: ".o_dealer_checkout",
            run: "click",
        },
        {
            content: "Give the purchase order number",
            trigger: ".o_dealer_checkout_form input[name=client_order_ref]",
            run: "edit PO-PAY-ONLINE-1",
        },
        {
            content: "Pay online",
            trigger: ".o_dealer_checkout_form #payment_online",
            run: "click",
        },
        {
            content: "Submit the order",
            trigger: ".o_dealer_submit",
            run: "click",
        },
        {
            content: "The order page opens with Odoo's payment form",
            trigger: ".o_dealer_order_payment #o_payment_form",
        },
        {
            content: "The bank transfer reference of the order is shown too",
            trigger: ".o_dealer_order_wire_transfer .o_dealer_transfer_reference",
        },
        {
            content: "Choose the demo provider",
            trigger: ".o_dealer_order_payment input[name=o_payment_radio][data-payment-method-code=demo]",
            run: "click",
        },
        {
            content: "Enter the test card",
            trigger: ".o_dealer_order_payment input[name=customer_input]",
            run: "edit 4111 1111 1111 1111",
        },
        {
            content: "Pay",
            trigger: ".o_dealer_order_payment button[name=o_payment_submit_button]:enabled",
            run: "click",
        },
        {
            content: "Back on the order page: paid online, nothing left to pay",
            trigger: ".o_dealer_order_paid_online",
        },
        {
            content: "No payment form any more",
            trigger: "body:not(:has(.o_dealer_order_payment))",
        },
    ],
});
