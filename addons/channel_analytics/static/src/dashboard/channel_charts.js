/** @odoo-module **/

import { onMounted, onWillUnmount } from "@odoo/owl";

/**
 * The Chart.js charts of a component: drawn once it is mounted, redrawn on demand, destroyed with it.
 *
 * `canDraw()` says whether the data and the canvases are there; `draw()` returns the new charts by
 * name. `render()` replaces the previous charts by the ones `draw()` returns, or keeps them when
 * there is nothing to draw.
 */
export function useCharts(canDraw, draw) {
    const charts = {};
    const destroy = () => {
        for (const [name, chart] of Object.entries(charts)) {
            chart.destroy();
            delete charts[name];
        }
    };
    const render = () => {
        if (!canDraw()) {
            return;
        }
        destroy();
        Object.assign(charts, draw());
    };
    onMounted(render);
    onWillUnmount(destroy);
    return { charts, render };
}
