/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("channel_analytics_salesperson_tour", {
    url: "/odoo/action-dealer_base.res_partner_action_dealer",
    steps: () => [
        {
            content: "A salesperson opens the Dealers menu",
            trigger: 'button[data-menu-xmlid="dealer_base.dealer_menu_root"]',
            run: "click",
        },
        {
            content: "The channel dashboard is one of its entries",
            trigger: 'a[data-menu-xmlid="channel_analytics.channel_dashboard_menu_dealer"]',
            run: "click",
        },
        {
            content: "The dashboard shows the salesperson's sales",
            trigger: ".o_channel_dashboard .o_channel_kpi_amount .o_channel_kpi_value:not(:empty)",
        },
        {
            content: "The trend chart is drawn",
            trigger: ".o_channel_dashboard canvas.o_channel_chart_trend[height]",
        },
        {
            content: "Clicking the order count opens the salesperson's confirmed orders",
            trigger: ".o_channel_dashboard .o_channel_kpi_orders",
            run: "click",
        },
        {
            content: "Only the orders of the salesperson's own dealer are listed",
            trigger: ".o_list_view .o_data_row td:contains('Channel Dealer A')",
        },
        {
            content: "The other salesperson's dealer is not in the list",
            trigger: ".o_list_view:not(:has(td:contains('Channel Dealer B')))",
        },
    ],
});
