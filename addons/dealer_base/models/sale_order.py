from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

WAITING_STATES = ("draft", "sent")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _confirmation_error_message(self):
        # Suspended or not yet approved dealers keep their history but cannot order.
        error = super()._confirmation_error_message()
        dealer = self.partner_id.dealer_id
        if not error and dealer and dealer.dealer_state != "active":
            state_label = dict(dealer._fields["dealer_state"]._description_selection(self.env))[dealer.dealer_state]
            error = _("Dealer %(dealer)s cannot order: its status is %(state)s.", dealer=dealer.name, state=state_label)
        return error

    # ------------------------------------------------------------
    # WAITING STEPS (what waits for whom, counted in the back office)
    # ------------------------------------------------------------

    @api.model
    def _get_dealer_waiting_steps(self):
        """Hook: the steps where an unconfirmed dealer order waits for someone, as dicts
        {"key", "name", "sequence", "domain", "action", "context"}: ``domain`` selects the orders
        waiting there, ``action`` is the xml id of the back-office list of them, ``context`` (optional)
        that list's context. An order passes the steps in ``sequence`` order and waits at the first
        one whose domain it matches. None here: the modules that hold orders add theirs."""
        return []

    @api.model
    def _dealer_waiting_steps(self):
        """The waiting steps in order, each with ``exclusive_domain``: the orders waiting at this step
        and at no earlier one, so that an order counts at exactly one step."""
        steps = []
        earlier = []
        for step in sorted(self._get_dealer_waiting_steps(), key=lambda s: (s["sequence"], s["key"])):
            domain = expression.normalize_domain(step["domain"])
            exclusive = expression.AND([domain, *(["!", *previous] for previous in earlier)])
            steps.append(dict(step, exclusive_domain=exclusive))
            earlier.append(domain)
        return steps

    @api.model
    def _dealer_waiting_allowed(self):
        """Whether the user works in the dealer back office (and so sees the waiting steps)."""
        return self.env.user.has_group("dealer_base.group_dealer_user")

    @api.model
    def _dealer_waiting_menu_shown(self):
        """Whether the web client shows the user the menu of the waiting steps: a dealer back-office
        user, with at least one step installed."""
        return bool(self._dealer_waiting_allowed() and self._get_dealer_waiting_steps())

    @api.model
    def _check_dealer_waiting_access(self):
        if not self._dealer_waiting_allowed():
            raise AccessError(_("Only users of the dealer back office see the dealer orders waiting at each step."))

    @api.model
    def get_dealer_waiting_counts(self, domain=None):
        """The dealer orders waiting at each step that the user may read (record rules, the selected
        companies), within ``domain`` if given: [{"key", "name", "count"}], one query per step."""
        self._check_dealer_waiting_access()
        company_domain = [("company_id", "in", self.env.companies.ids)]
        return [
            {
                "key": step["key"],
                "name": step["name"],
                "count": self.search_count(expression.AND([step["exclusive_domain"], company_domain, domain or []])),
            }
            for step in self._dealer_waiting_steps()
        ]

    @api.model
    def action_open_dealer_waiting_step(self, key, domain=None):
        """The back-office list of the orders waiting at step ``key`` (within ``domain`` if given)."""
        self._check_dealer_waiting_access()
        step = next((step for step in self._dealer_waiting_steps() if step["key"] == key), None)
        if not step:
            raise UserError(_("No dealer order waits at this step."))
        action = self.env["ir.actions.act_window"]._for_xml_id(step["action"])
        action.update(
            name=step["name"],
            domain=expression.AND(
                [step["exclusive_domain"], [("company_id", "in", self.env.companies.ids)], domain or []]
            ),
            context=dict(step.get("context") or {}, create=False),
            target="current",
        )
        return action
