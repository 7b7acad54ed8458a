/** @odoo-module **/

import { Component, onWillStart, onWillUpdateProps, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/views/fields/formatters";
import { useCharts } from "@channel_analytics/dashboard/channel_charts";
import { ChannelDashboard } from "@channel_analytics/dashboard/channel_dashboard";

/** Stock held by the dealers: by region, weeks of cover, dealers at risk of stock-out and overstocked. */
export class ChannelStockPanel extends Component {
    static template = "channel_analytics_channel_inventory.ChannelStockPanel";
    static props = { filters: Object };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.canvases = { region: useRef("stockRegionChart"), status: useRef("stockStatusChart") };
        this.state = useState({ data: null });
        this.charts = useCharts(() => this.state.data && this.canvases.region.el, () => this.drawCharts());
        onWillStart(() => this.load(this.props.filters));
        onWillUpdateProps(async (next) => {
            await this.load(next.filters);
            this.charts.render();
        });
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

    drawCharts() {
        const data = this.state.data;
        const regions = data.regions;
        const region = new Chart(this.canvases.region.el, {
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
        const statuses = data.status;
        const status = new Chart(this.canvases.status.el, {
            type: "doughnut",
            data: {
                labels: statuses.map((s) => s.name),
                datasets: [{ data: statuses.map((s) => s.count) }],
            },
            options: {
                maintainAspectRatio: false,
                onClick: (ev, elements) =>
                    elements.length && this.openStock([["status", "=", statuses[elements[0].index].key]]),
            },
        });
        return { region, status };
    }
}

ChannelDashboard.components = { ...ChannelDashboard.components, ChannelStockPanel };
