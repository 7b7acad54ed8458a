/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_order_tour", {
    steps: () => [
        {
            content: "The dealer home links to the catalog",
            trigger: ".o_dealer_nav a[href='/my/dealer/catalog']",
            run: "click",
        },
        {
            content: "Search the catalog by SKU",
            trigger: ".o_dealer_catalog_search input[name=search]",
            run: "edit PT-",
        },
        {
            content: "Run the search",
            trigger: ".o_dealer_catalog_search button[type=submit]",
            run: "click",
        },
        {
            content: "The results of the search are shown",
            // The attribute, not the typed value: only the page the search loads has it.
            trigger: ".o_dealer_catalog_search input[name=search][value='PT-']",
        },
        {
            content: "The excluded product is not offered",
            trigger: ".o_dealer_catalog_form:not(:has(tr[data-sku='PT-PAN']))",
        },
        {
            content: "The kettle shows its quantity break",
            trigger: "tr[data-sku='PT-KETTLE'] .o_dealer_catalog_break",
        },
        {
            content: "Order 12 kettles",
            trigger: "tr[data-sku='PT-KETTLE'] .o_dealer_catalog_qty",
            run: "edit 12",
        },
        {
            content: "and 6 cups (one pack)",
            trigger: "tr[data-sku='PT-CUPS'] .o_dealer_catalog_qty",
            run: "edit 6",
        },
        {
            content: "Add both lines at once",
            trigger: ".o_dealer_catalog_add",
            run: "click",
        },
        {
            content: "Both were added",
            trigger: ".o_dealer_flash.alert-success",
        },
        {
            content: "Open the cart",
            trigger: ".o_dealer_catalog_form a[href='/my/dealer/cart']",
            run: "click",
        },
        {
            content: "The kettle line explains its price",
            trigger: "tr.o_dealer_cart_line[data-sku='PT-KETTLE'] .o_dealer_price_rule",
        },
        {
            content: "Go to checkout",
            trigger: ".o_dealer_checkout",
            run: "click",
        },
        {
            content: "Give the purchase order number",
            trigger: ".o_dealer_checkout_form input[name=client_order_ref]",
            run: "edit PO-TOUR-1",
        },
        {
            content: "Pay on credit terms",
            trigger: ".o_dealer_checkout_form #payment_credit",
            run: "click",
        },
        {
            content: "Submit the order",
            trigger: ".o_dealer_submit",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_dealer_order_confirmed",
        },
        {
            content: "Its status is shown",
            trigger: ".o_dealer_order_state[data-state=preparing]",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_review_queue_tour", {
    steps: () => [
        {
            content: "The held order is in the review queue with its reason",
            trigger: ".o_list_view .o_data_row td:contains('outside the sales region')",
        },
        {
            content: "Open it",
            trigger: ".o_list_view .o_data_row td:contains('outside the sales region')",
            run: "click",
        },
        {
            content: "The form lists the reasons",
            trigger: ".o_form_view .alert-warning:contains('outside the sales region')",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_dealer_review_approve]",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Sales Order')",
        },
    ],
});
