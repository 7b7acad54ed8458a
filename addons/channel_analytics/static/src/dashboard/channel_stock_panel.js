/** @odoo-module **/

import { Component, onMounted, onWillStart, onWillUnmount, onWillUpdateProps, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/views/fields/formatters";
import { ChannelDashboard } from "./channel_dashboard";

/** Stock held by the dealers: by region, weeks of cover, dealers at risk of stock-out and overstocked. */
export class ChannelStockPanel extends Component {
    static template = "channel_analytics.ChannelStockPanel";
    static props = { filters: Object };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.canvases = { region: useRef("stockRegionChart"), status: useRef("stockStatusChart") };
        this.charts = {};
        this.state = useState({ data: null });
        onWillStart(() => this.load(this.props.filters));
        onWillUpdateProps(async (next) => {
            await this.load(next.filters);
            this.renderCharts();
        });
        onMounted(() => this.renderCharts());
        onWillUnmount(() => this.destroyCharts());
    }

    async load(filters) {
        const data = await this.orm.call("channel.dashboard", "get_channel_stock_data", [filters]);
        this.state.data = data.error ? null : data;
    }

    formatNumber(value, digits = 0) {
        return formatFloat(value || 0, { digits: [false, digits] });
    }

    openStock(extraDomain = [], name = _t("Channel Stock")) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name,
            res_model: "dealer.channel.stock",
            domain: [...this.state.data.domain, ...extraDomain],
            views: [
                [false, "list"],
                [false, "pivot"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    destroyCharts() {
        for (const chart of Object.values(this.charts)) {
            chart.destroy();
        }
        this.charts = {};
    }

    renderCharts() {
        const data = this.state.data;
        if (!data || !this.canvases.region.el) {
            return;
        }
        this.destroyCharts();
        const regions = data.regions;
        this.charts.region = new Chart(this.canvases.region.el, {
            type: "bar",
            data: {
                labels: regions.map((r) => r.name),
                datasets: [
                    { label: _t("Channel Stock"), data: regions.map((r) => r.qty), yAxisID: "y" },
                    {
                        label: _t("Weeks of Cover"),
                        data: regions.map((r) => r.cover_weeks),
                        type: "line",
                        yAxisID: "cover",
                    },
                ],
            },
            options: {
                maintainAspectRatio: false,
                scales: { y: { position: "left" }, cover: { position: "right", grid: { drawOnChartArea: false } } },
                onClick: (ev, elements) =>
                    elements.length && this.openStock([["region_id", "child_of", regions[elements[0].index].id]]),
            },
        });
        const status = data.status;
        this.charts.status = new Chart(this.canvases.status.el, {
            type: "doughnut",
            data: {
                labels: status.map((s) => s.name),
                datasets: [{ data: status.map((s) => s.count) }],
            },
            options: {
                maintainAspectRatio: false,
                onClick: (ev, elements) =>
                    elements.length && this.openStock([["status", "=", status[elements[0].index].key]]),
            },
        });
    }
}

ChannelDashboard.components = { ...ChannelDashboard.components, ChannelStockPanel };
