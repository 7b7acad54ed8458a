/** @odoo-module **/

import { registry } from "@web/core/registry";

function setFile(input, name, text) {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], name, { type: "text/csv" }));
    input.files = transfer.files;
}

registry.category("web_tour.tours").add("dealer_portal_channel_grid_tour", {
    url: "/my/dealer/inventory",
    steps: () => [
        {
            content: "The grid lists the product the dealer bought",
            trigger: "tr.o_dealer_inventory_row[data-sku='T-CH-1'] input.o_dealer_onhand",
            run: "edit 14",
        },
        {
            content: "Enter the sell-out",
            trigger: "tr.o_dealer_inventory_row[data-sku='T-CH-1'] input.o_dealer_sold",
            run: "edit 6",
        },
        {
            content: "A negative stock for another product",
            trigger: "tr.o_dealer_inventory_row[data-sku='T-CH-2'] input.o_dealer_onhand",
            run: "edit -2",
        },
        {
            content: "Save",
            trigger: "button.o_dealer_inventory_submit",
            run: "click",
        },
        {
            content: "The bad row is explained next to it and nothing is saved",
            trigger: "tr.o_dealer_inventory_row[data-sku='T-CH-2'] .o_dealer_row_error:contains('cannot be negative')",
        },
        {
            content: "The typed values are kept",
            trigger: "tr.o_dealer_inventory_row[data-sku='T-CH-1'] input.o_dealer_onhand:value(14)",
        },
        {
            content: "Correct the stock",
            trigger: "tr.o_dealer_inventory_row[data-sku='T-CH-2'] input.o_dealer_onhand",
            run: "edit 2",
        },
        {
            content: "Save again",
            trigger: "button.o_dealer_inventory_submit",
            run: "click",
        },
        {
            content: "The report is saved",
            trigger: ".o_dealer_inventory_saved",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_channel_upload_tour", {
    url: "/my/dealer/inventory",
    steps: () => [
        {
            content: "Choose a file with an unknown product code",
            trigger: ".o_dealer_inventory_upload input[type=file]",
            run() {
                setFile(this.anchor, "stock.csv", "sku,period,on hand,sold\nT-CH-1,,5,1\nNOPE,,1,1\n");
            },
        },
        {
            content: "Upload it",
            trigger: "button.o_dealer_inventory_upload_submit",
            run: "click",
        },
        {
            content: "Every bad row is listed, nothing is saved",
            trigger: ".o_dealer_inventory_errors li:contains('Row 3'):contains('NOPE')",
        },
        {
            content: "Choose a correct file",
            trigger: ".o_dealer_inventory_upload input[type=file]",
            run() {
                setFile(this.anchor, "stock.csv", "sku,period,on hand,sold\nT-CH-1,,5,1\nT-CH-2,,3,2\n");
            },
        },
        {
            content: "Upload it",
            trigger: "button.o_dealer_inventory_upload_submit",
            run: "click",
        },
        {
            content: "The report is saved and shown in the grid",
            trigger: ".o_dealer_inventory_saved",
        },
        {
            content: "The uploaded stock is in the grid",
            trigger: "tr.o_dealer_inventory_row[data-sku='T-CH-2'] input.o_dealer_onhand:value(3)",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_channel_suggestions_tour", {
    url: "/my/dealer",
    steps: () => [
        {
            content: "The suggested order explains itself",
            trigger: ".o_dealer_suggestion .o_dealer_suggestion_reason:contains('packs of 6')",
        },
        {
            content: "Add the suggestions to the cart in one click",
            trigger: "button.o_dealer_suggestions_to_cart",
            run: "click",
        },
        {
            content: "They are in the cart",
            trigger: ".o_dealer_suggestions_added",
        },
    ],
});
