/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_apply_tour", {
    url: "/dealer/apply",
    steps: () => [
        { content: "Company name", trigger: "input[name=company_name]", run: "edit Tour Spruce Dealer Ltd" },
        { content: "Registration number", trigger: "input[name=registry]", run: "edit 91310000TOUR0001" },
        { content: "Contact", trigger: "input[name=contact_name]", run: "edit Han Meimei" },
        { content: "Phone", trigger: "input[name=phone]", run: "edit +86 21 5555 0202" },
        { content: "Email", trigger: "input[name=email]", run: "edit tour@spruce-dealer.example.com" },
        { content: "Region", trigger: "select[name=region_id]", run: "selectByLabel Test Region" },
        {
            content: "Attach the business licence (a PDF)",
            trigger: "input[name=licence]",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(
                    new File(["%PDF-1.4\n%%EOF\n"], "licence.pdf", { type: "application/pdf" })
                );
                this.anchor.files = transfer.files;
            },
        },
        { content: "Send the application", trigger: ".o_dealer_apply_submit", run: "click" },
        {
            content: "The application is received",
            trigger: ".o_dealer_apply_done:contains('Tour Spruce Dealer Ltd')",
        },
    ],
});

registry.category("web_tour.tours").add("dealer_portal_first_login_tour", {
    url: "/my/dealer",
    steps: () => [
        {
            content: "The new dealer's home page shows its name",
            trigger: ".o_dealer_home_title:contains('Tour Spruce Dealer Ltd')",
        },
        {
            content: "Its first user administers the dealer's users",
            trigger: ".o_dealer_link_users",
            run: "click",
        },
        {
            content: "The users page lists the first user as administrator",
            trigger: ".o_dealer_user_row:contains('Han Meimei')",
        },
    ],
});
