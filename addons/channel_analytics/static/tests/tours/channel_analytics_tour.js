/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("channel_analytics_dashboard_tour", {
    url: "/odoo/action-channel_analytics.channel_dashboard_action",
    steps: () => [
        {
            content: "The sales figure is shown",
            trigger: ".o_channel_dashboard .o_channel_kpi_amount .o_channel_kpi_value:not(:empty)",
        },
        {
            content: "The trend chart is drawn",
            trigger: ".o_channel_dashboard canvas.o_channel_chart_trend[height]",
        },
        {
            content: "The region, dealer, product and level charts are drawn",
            trigger: ".o_channel_dashboard canvas.o_channel_chart_level[height]",
        },
        {
            content: "Top dealers are drawn and the warnings are listed",
            trigger: ".o_channel_dashboard canvas.o_channel_chart_dealer[height]",
        },
        {
            content: "A period that starts after it ends is refused with a message",
            trigger: ".o_channel_dashboard input.o_channel_date_from",
            run() {
                // Date inputs take a whole value, not typed characters.
                this.anchor.value = "2099-01-01";
                this.anchor.dispatchEvent(new Event("change"));
            },
        },
        {
            content: "The message is shown, not an error dialog",
            trigger: ".o_channel_dashboard .o_channel_error",
        },
        {
            content: "Clicking the order count opens the orders behind it",
            trigger: ".o_channel_dashboard .o_channel_kpi_orders",
            run: "click",
        },
        {
            content: "The confirmed orders list opens",
            trigger: ".o_list_view",
        },
    ],
});
