/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("stock_alerts_back_office_tour", {
    url: "/odoo/action-stock_alerts.stock_alert_action",
    steps: () => [
        {
            content: "The alerts board shows the product below its safety stock",
            trigger: ".o_kanban_view .o_kanban_record:contains('Tour Kettle')",
        },
        {
            content: "Switch to the alerts list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The alert is listed; open it",
            trigger: ".o_list_view .o_data_row td:contains('Tour Kettle')",
            run: "click",
        },
        {
            content: "The alert form offers to close it",
            trigger: ".o_form_view button[name=action_done]",
            run: "click",
        },
        {
            content: "The alert is done",
            trigger: ".o_form_view:not(:has(button[name=action_done]))",
        },
        {
            content: "Open the Stock Alerts menu",
            trigger: 'button[data-menu-xmlid="stock_alerts.stock_alerts_menu_root"]',
            run: "click",
        },
        {
            content: "Go to the replenishment suggestions",
            trigger: 'a[data-menu-xmlid="stock_alerts.stock_replenishment_suggestion_menu"]',
            run: "click",
        },
        {
            content: "One click turns the suggestion into a reorder rule",
            trigger: ".o_list_view .o_data_row:contains('Tour Kettle') button[name=action_create_orderpoint]",
            run: "click",
        },
        {
            content: "The suggestion leaves the list of new suggestions",
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Tour Kettle')))",
        },
        {
            content: "Open the Stock Alerts menu again",
            trigger: 'button[data-menu-xmlid="stock_alerts.stock_alerts_menu_root"]',
            run: "click",
        },
        {
            content: "Go to the transfer suggestions",
            trigger: 'a[data-menu-xmlid="stock_alerts.stock_transfer_suggestion_menu"]',
            run: "click",
        },
        {
            content: "One click creates the transfer",
            trigger: ".o_list_view .o_data_row:contains('Tour Kettle') button[name=action_create_transfer]",
            run: "click",
        },
        {
            content: "The internal transfer opens, with the product to move",
            trigger: ".o_form_view .o_field_widget[name=move_ids_without_package] td:contains('Tour Kettle')",
        },
    ],
});
