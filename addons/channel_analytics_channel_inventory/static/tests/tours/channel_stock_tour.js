/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("channel_analytics_channel_stock_tour", {
    url: "/odoo/action-channel_analytics.channel_dashboard_action",
    steps: () => [
        {
            content: "The stock held in the channel is shown",
            trigger: ".o_channel_stock_panel .o_channel_stock_qty:not(:empty)",
        },
        {
            content: "The stock by region is drawn",
            trigger: ".o_channel_stock_panel canvas.o_channel_chart_stock_region[height]",
        },
        {
            content: "The dealers at risk of stock-out are listed",
            trigger: ".o_channel_stock_at_risk .o_channel_stock_dealer:contains('Dealer A Trading')",
        },
        {
            content: "The overstocked dealers are listed",
            trigger: ".o_channel_stock_overstocked .o_channel_stock_dealer:contains('Dealer B Trading')",
            run: "click",
        },
        {
            content: "A dealer opens its channel stock rows",
            trigger: ".o_list_view .o_data_row td:contains('T-CH-2')",
        },
    ],
});
