/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { DropdownItem } from "@web/core/dropdown/dropdown_item";
import { registry } from "@web/core/registry";
import { session } from "@web/session";
import { useService } from "@web/core/utils/hooks";

/** The dealer orders waiting at each step (dealer's approver, order review, credit hold), in the systray. */
export class DealerWaitingStepsMenu extends Component {
    static components = { Dropdown, DropdownItem };
    static props = [];
    static template = "dealer_base.WaitingStepsMenu";

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ steps: [] });
        onWillStart(() => this.load());
    }

    get total() {
        return this.state.steps.reduce((sum, step) => sum + step.count, 0);
    }

    async load() {
        this.state.steps = await this.orm.call("sale.order", "get_dealer_waiting_counts", []);
    }

    async open(step) {
        const action = await this.orm.call("sale.order", "action_open_dealer_waiting_step", [step.key]);
        await this.action.doAction(action, { clearBreadcrumbs: true });
    }
}

// Only users of the dealer back office get the menu (the server tells, in the session).
if (session.dealer_waiting_steps) {
    registry.category("systray").add("dealer_base.waiting_steps", { Component: DealerWaitingStepsMenu }, { sequence: 25 });
}
