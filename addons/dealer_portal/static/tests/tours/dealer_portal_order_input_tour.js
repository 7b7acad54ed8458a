/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_quick_order_tour", {
    url: "/my/dealer/quick-order",
    steps: () => [
        {
            content: "Paste two lines, one of them with an unknown product code",
            trigger: "textarea.o_dealer_quick_order_lines",
            run() {
                this.anchor.value = "T-KETTLE\t2\nNOPE-404, 1";
            },
        },
        {
            content: "Add them to the cart",
            trigger: "button.o_dealer_quick_order_submit",
            run: "click",
        },
        {
            content: "The bad line is reported with its number; nothing was added",
            trigger: ".o_dealer_input_errors .o_dealer_input_error:contains('Line 2'):contains('NOPE-404')",
        },
        {
            content: "The pasted text is kept to be corrected",
            trigger: "textarea.o_dealer_quick_order_lines",
            run() {
                if (!this.anchor.value.includes("NOPE-404")) {
                    throw new Error("the pasted lines were lost");
                }
                this.anchor.value = "T-KETTLE\t2\nT-CUPS, 12";
            },
        },
        {
            content: "Add a row to the grid",
            trigger: "button.o_dealer_grid_add",
            run: "click",
        },
        {
            content: "Type a Chinese product code in the new row",
            trigger: ".o_dealer_quick_order_grid tbody tr:nth-child(6) input[name=grid_sku]",
            run: "edit 电热水壶-01",
        },
        {
            content: "and its quantity",
            trigger: ".o_dealer_quick_order_grid tbody tr:nth-child(6) input[name=grid_qty]",
            run: "edit 1",
        },
        {
            content: "Add the corrected order to the cart",
            trigger: "button.o_dealer_quick_order_submit",
            run: "click",
        },
        {
            content: "The dealer lands on the next page, without errors",
            trigger: "body:not(:has(.o_dealer_input_errors)) #dealer_home_panels",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_import_tour", {
    url: "/my/dealer/import",
    steps: () => [
        {
            content: "The template can be downloaded",
            trigger: "a.o_dealer_import_template[href$='template.xlsx']",
        },
        {
            content: "Choose an order file",
            trigger: "input[name=order_file]",
            async run() {
                const content = "SKU,Quantity\nT-KETTLE,3\n\n电热水壶-01,2\n";
                const file = new File([content], "order.csv", { type: "text/csv" });
                const transfer = new DataTransfer();
                transfer.items.add(file);
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Check the file",
            trigger: "button.o_dealer_import_upload",
            run: "click",
        },
        {
            content: "The preview lists each row with its spreadsheet row number",
            trigger: ".o_dealer_import_preview tr.o_dealer_import_good_row:contains('电热水壶-01') td:first-child:contains('4')",
        },
        {
            content: "Every row is correct",
            trigger: ".o_dealer_import_ready",
        },
        {
            content: "Add the rows to the cart",
            trigger: "button.o_dealer_import_apply",
            run: "click",
        },
        {
            content: "The dealer lands on the next page",
            trigger: "#dealer_home_panels",
        },
    ],
});
