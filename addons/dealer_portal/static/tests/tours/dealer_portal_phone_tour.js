/** @odoo-module **/

import { registry } from "@web/core/registry";

// The dealer's main flow on a phone (390 px wide, touch): every control used here must be
// visible and reachable at that width.
registry.category("web_tour.tours").add("dealer_portal_phone_tour", {
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
            trigger: ".o_dealer_catalog_search input[name=search][value='PT-']",
        },
        {
            content: "On a phone the availability shows under the product's name",
            trigger: "tr[data-sku='PT-KETTLE'] td:first-child .o_dealer_stock_in",
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
            content: "Make it two packs of cups",
            trigger: "tr.o_dealer_cart_line[data-sku='PT-CUPS'] .o_dealer_cart_qty",
            run: "edit 12",
        },
        {
            content: "Update the quantity",
            trigger: "tr.o_dealer_cart_line[data-sku='PT-CUPS'] .o_dealer_cart_update",
            run: "click",
        },
        {
            content: "The cart shows the new quantity",
            // The attribute, not the typed value: only the page the update loads has it.
            trigger: "tr.o_dealer_cart_line[data-sku='PT-CUPS'] .o_dealer_cart_qty[value='12']",
        },
        {
            content: "Go to checkout",
            trigger: ".o_dealer_checkout",
            run: "click",
        },
        {
            content: "Give the purchase order number",
            trigger: ".o_dealer_checkout_form input[name=client_order_ref]",
            run: "edit PO-PHONE-1",
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
        {
            content: "Its lines show the changed quantity",
            trigger: ".o_dealer_order_line[data-sku='PT-CUPS'] .o_dealer_order_line_qty:contains('12')",
        },
    ],
});
