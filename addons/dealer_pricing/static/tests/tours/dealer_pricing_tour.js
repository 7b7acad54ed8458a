/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_pricing_refresh_prices_tour", {
    steps: () => [
        {
            content: "The quotation warns that the dealer's price has changed",
            trigger: ".o_form_view .alert-warning:contains('Test Kettle')",
        },
        {
            content: "The line still has the price it was quoted at",
            trigger: ".o_field_widget[name=order_line] .o_data_row td[name=price_unit]:contains('80.00')",
        },
        {
            content: "Refresh the prices from the dealer's current rules",
            trigger: ".o_form_view .alert-warning button[name=action_dealer_refresh_prices]",
            run: "click",
        },
        {
            content: "The line now has the new dealer price",
            trigger: ".o_field_widget[name=order_line] .o_data_row td[name=price_unit]:contains('78.00')",
        },
        {
            content: "The Price Rule tells where the price comes from",
            trigger:
                ".o_field_widget[name=order_line] .o_data_row td[name=dealer_price_rule]:contains('Dealer price'):contains('78.00')",
        },
        {
            content: "The outdated-price banner is gone",
            trigger: ".o_form_view:not(:has(button[name=action_dealer_refresh_prices]))",
        },
    ],
});
