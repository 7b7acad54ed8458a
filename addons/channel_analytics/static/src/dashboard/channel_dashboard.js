/** @odoo-module **/

import { Component, onWillStart, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { formatFloat } from "@web/views/fields/formatters";
import { useService } from "@web/core/utils/hooks";
import { useCharts } from "./channel_charts";

export class ChannelDashboard extends Component {
    static template = "channel_analytics.ChannelDashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.canvases = {
            trend: useRef("trendChart"),
            region: useRef("regionChart"),
            dealer: useRef("dealerChart"),
            product: useRef("productChart"),
            level: useRef("levelChart"),
        };
        this.state = useState({ data: null, error: false, filters: {}, loading: true });
        this.charts = useCharts(() => this.state.data && this.canvases.trend.el, () => this.drawCharts());
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
    }

    async load(filters = this.state.filters) {
        this.state.loading = true;
        const data = await this.orm.call("channel.dashboard", "get_dashboard_data", [filters]);
        this.state.loading = false;
        if (data.error) {
            this.state.error = data.error;
            return false;
        }
        this.state.error = false;
        this.state.data = data;
        this.state.filters = { ...data.filters };
        return true;
    }

    async reload(filters) {
        if (await this.load(filters)) {
            this.charts.render();
        }
    }

    // ------------------------------------------------------------------
    // Filters
    // ------------------------------------------------------------------

    onFilterChange(key, ev) {
        const value = ev.target.value;
        const filters = { ...this.state.filters };
        filters[key] = ["date_from", "date_to"].includes(key) ? value : parseInt(value) || false;
        this.reload(filters);
    }

    async onRefresh() {
        await this.orm.call("channel.sale.summary", "action_refresh", []);
        this.notification.add(
            _t("The channel figures are being refreshed in the background: reload the dashboard in a minute."),
            { type: "info" }
        );
    }

    async onExport() {
        const result = await this.orm.call("channel.dashboard", "export_xlsx", [this.state.filters]);
        if (result.error) {
            this.state.error = result.error;
        } else {
            this.action.doAction(result);
        }
    }

    // ------------------------------------------------------------------
    // Links to the records behind each figure
    // ------------------------------------------------------------------

    openRecords(kind, extraDomain = []) {
        const domains = this.state.data.domains;
        const targets = {
            summary: ["channel.sale.summary", _t("Channel Sales"), domains.summary, "list"],
            orders: ["sale.order", _t("Confirmed Orders"), domains.orders, "list"],
            warnings: ["channel.warning", _t("Early Warnings"), domains.warnings, "list"],
            payments: [
                "channel.payment.summary",
                _t("Payment Punctuality"),
                this.state.data.kpi.payment_domain,
                "list",
            ],
        };
        const [resModel, name, domain] = targets[kind];
        this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: resModel,
            domain: [...domain, ...extraDomain],
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    async openWaitingStep(step) {
        // The step's own back-office list (Order Review, Credit Holds...), within the filtered dealers.
        const action = await this.orm.call("sale.order", "action_open_dealer_waiting_step", [
            step.key,
            this.state.data.domains.waiting,
        ]);
        this.action.doAction(action);
    }

    drillRegion(item) {
        if (item.has_children) {
            this.reload({ ...this.state.filters, region_id: item.id });
        } else {
            this.openRecords("summary", [["region_id", "child_of", item.id]]);
        }
    }

    drillUp() {
        const parent = this.state.data.regions.parent;
        this.reload({ ...this.state.filters, region_id: parent.parent_id || false });
    }

    // ------------------------------------------------------------------
    // Charts
    // ------------------------------------------------------------------

    formatAmount(value) {
        const currency = this.state.data.currency;
        const amount = formatFloat(value, { digits: [false, currency.digits] });
        return currency.position === "after" ? `${amount} ${currency.symbol}` : `${currency.symbol} ${amount}`;
    }

    formatNumber(value, digits = 0) {
        return formatFloat(value, { digits: [false, digits] });
    }

    drawCharts() {
        const data = this.state.data;
        const bar = (ref, items, onClick, horizontal = true) =>
            new Chart(ref.el, {
                type: "bar",
                data: {
                    labels: items.map((i) => i.name),
                    datasets: [{ label: _t("Untaxed Amount"), data: items.map((i) => i.amount) }],
                },
                options: {
                    indexAxis: horizontal ? "y" : "x",
                    maintainAspectRatio: false,
                    plugins: { legend: { display: false } },
                    onClick: (ev, elements) => elements.length && onClick(items[elements[0].index]),
                },
            });
        const trend = new Chart(this.canvases.trend.el, {
            type: "line",
            data: {
                labels: data.trend.labels,
                datasets: [
                    { label: _t("This Period"), data: data.trend.amounts },
                    { label: _t("Same Period Last Year"), data: data.trend.last_year, borderDash: [5, 5] },
                ],
            },
            options: {
                maintainAspectRatio: false,
                onClick: (ev, elements) => {
                    if (elements.length) {
                        const month = data.trend.months[elements[0].index];
                        this.openRecords("summary", [["month", "=", month]]);
                    }
                },
            },
        });
        const region = bar(this.canvases.region, data.regions.items, (item) => this.drillRegion(item), false);
        const dealer = bar(this.canvases.dealer, data.top_dealers, (item) =>
            this.openRecords("summary", [["dealer_id", "=", item.id]])
        );
        const product = bar(this.canvases.product, data.top_products, (item) =>
            this.openRecords("summary", [["product_id", "=", item.id]])
        );
        const level = new Chart(this.canvases.level.el, {
            type: "doughnut",
            data: {
                labels: data.levels.map((i) => i.name),
                datasets: [{ data: data.levels.map((i) => i.amount) }],
            },
            options: {
                maintainAspectRatio: false,
                onClick: (ev, elements) =>
                    elements.length &&
                    this.openRecords("summary", [["level_id", "=", data.levels[elements[0].index].id]]),
            },
        });
        return { trend, region, dealer, product, level };
    }
}

registry.category("actions").add("channel_analytics.dashboard", ChannelDashboard);
