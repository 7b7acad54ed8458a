/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_base_back_office_tour", {
    url: "/odoo/action-dealer_base.res_partner_action_dealer",
    steps: () => [
        {
            content: "The dealer list shows the parent dealer",
            trigger: ".o_list_view .o_data_row td:contains('TOUR-P')",
            run: "click",
        },
        {
            content: "The dealer form shows its lifecycle status bar",
            trigger: ".o_form_view .o_statusbar_status .o_arrow_button_current:contains('Active')",
        },
        {
            content: "Its sub-dealer is listed",
            trigger: ".o_form_view .o_field_widget[name=dealer_child_ids] td:contains('TOUR-S')",
        },
        {
            content: "Suspend is offered to the manager",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_dealer_open_state_change]",
        },
    ],
});
