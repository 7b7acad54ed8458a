/** @odoo-module **/

import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.DealerQuickOrderGrid = publicWidget.Widget.extend({
    selector: ".o_dealer_quick_order_form",
    events: {
        "click .o_dealer_grid_add": "_onAddRow",
    },

    /**
     * Adds an empty row to the grid, numbered after the last one, and focuses its code.
     */
    _onAddRow() {
        const body = this.el.querySelector(".o_dealer_quick_order_grid tbody");
        const last = body.querySelector("tr.o_dealer_grid_row:last-child");
        const row = last.cloneNode(true);
        for (const input of row.querySelectorAll("input")) {
            input.value = "";
        }
        row.querySelector(".o_dealer_grid_number").textContent = body.children.length + 1;
        body.appendChild(row);
        row.querySelector("input[name=grid_sku]").focus();
    },
});
