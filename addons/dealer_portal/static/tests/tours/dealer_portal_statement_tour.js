/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("dealer_portal_statement_tour", {
    url: "/my/dealer",
    steps: () => [
        { content: "Open the statement of account", trigger: ".o_dealer_link_statement", run: "click" },
        { content: "Last month's documents are listed", trigger: ".o_dealer_statement_line" },
        {
            content: "The PDF download serves a PDF",
            trigger: "a.o_dealer_statement_pdf",
            async run() {
                const response = await fetch(this.anchor.getAttribute("href"));
                const type = response.headers.get("Content-Type");
                const start = new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5));
                if (type !== "application/pdf" || start !== "%PDF-") {
                    throw new Error(`The statement download is not a PDF: ${type}`);
                }
            },
        },
        {
            content: "The Excel download serves a workbook",
            trigger: "a.o_dealer_statement_xlsx",
            async run() {
                const response = await fetch(this.anchor.getAttribute("href"));
                if (!response.headers.get("Content-Type").includes("spreadsheetml")) {
                    throw new Error("The statement download is not an .xlsx workbook");
                }
            },
        },
        { content: "Confirm the statement", trigger: ".o_dealer_statement_confirm", run: "click" },
        { content: "The answer is shown", trigger: ".o_dealer_statement_state:contains('Confirmed')" },
    ],
});
