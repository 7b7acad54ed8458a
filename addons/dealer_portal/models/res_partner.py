from odoo import api, fields, models
from odoo.osv import expression

from .sale_order import PAID_STATES


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        result = super().write(vals)
        if {"parent_id", "is_company", "is_dealer"} & vals.keys() and self._dealer_portal_has_users():
            # The dealer of these partners' users may have changed, and with it what the
            # invoice record rules let them see (res.users.dealer_invoices_hidden).
            self.env["dealer.user.role"]._dealer_roles_changed()
        return result

    def _dealer_portal_has_users(self):
        """Whether a portal user belongs to these partners or their contacts."""
        users_sudo = self.env["res.users"].sudo().with_context(active_test=False)
        return bool(users_sudo.search_count([("partner_id", "child_of", self.ids), ("share", "=", True)], limit=1))

    # ------------------------------------------------------------
    # HOME PAGE
    # ------------------------------------------------------------

    def _dealer_portal_open_orders(self):
        """Quotations sent to this dealer and its submitted orders that are not finished (cancelled, or
        invoiced and paid)."""
        self.ensure_one()
        return self.env["sale.order"].search(
            [
                ("partner_id", "child_of", self.id),
                ("dealer_cart_user_id", "=", False),
                "|",
                "|",
                ("state", "=", "sent"),
                "&",
                ("state", "=", "draft"),
                "|",
                "|",
                ("dealer_submitted_date", "!=", False),
                ("dealer_review_state", "=", "review"),
                ("dealer_approval_state", "=", "waiting"),
                "&",
                ("state", "=", "sale"),
                "|",
                ("invoice_status", "!=", "invoiced"),
                (
                    "order_line.invoice_lines.move_id",
                    "any",
                    [
                        ("state", "=", "posted"),
                        ("move_type", "=", "out_invoice"),
                        ("payment_state", "not in", PAID_STATES),
                    ],
                ),
            ]
        )

    def _dealer_portal_open_orders_by_state(self):
        """Open orders of this dealer (and its contacts), counted per portal state.

        Returns a list of (key, label, count, url) in the order of the states.
        """
        self.ensure_one()
        orders = self._dealer_portal_open_orders()
        counts = {}
        for order in orders:
            counts[order.dealer_portal_state] = counts.get(order.dealer_portal_state, 0) + 1
        labels = self.env["sale.order"]._fields["dealer_portal_state"]._description_selection(self.env)
        return [
            (state, label, counts[state], f"/my/dealer/orders?state={state}")
            for state, label in labels
            if counts.get(state)
        ]

    # ------------------------------------------------------------
    # CART
    # ------------------------------------------------------------

    def _dealer_portal_cart(self, user=None, create=True):
        """The cart of user (default: the current user) for this dealer: a draft sale order."""
        self.ensure_one()
        user = user or self.env.user
        dealer = self.commercial_partner_id
        SaleOrder = self.env["sale.order"]
        cart = SaleOrder.search(
            [("dealer_cart_user_id", "=", user.id), ("partner_id", "=", dealer.id), ("state", "=", "draft")],
            order="id desc",
            limit=1,
        )
        if not cart and create:
            cart = SaleOrder.create(self._prepare_dealer_portal_cart_vals(user))
        return cart

    def _prepare_dealer_portal_cart_vals(self, user):
        dealer = self.commercial_partner_id
        vals = {"partner_id": dealer.id, "dealer_cart_user_id": user.id, "user_id": dealer.user_id.id}
        if dealer.dealer_team_id:
            # Otherwise the order takes the salesperson's team, as in the back office.
            vals["team_id"] = dealer.dealer_team_id.id
        return vals

    def _dealer_portal_delivery_addresses(self):
        """Where this dealer may have an order delivered: itself and its delivery addresses."""
        self.ensure_one()
        dealer = self.commercial_partner_id
        return dealer | dealer.child_ids.filtered(lambda p: p.type == "delivery" and p.active)

    # ------------------------------------------------------------
    # TERRITORY (anti 窜货)
    # ------------------------------------------------------------

    def _dealer_portal_address_regions(self, addresses):
        """{address id: sales region} for addresses: their own region, else the deepest region whose
        name or address keywords match their city or province (one search for all of them)."""
        result = {a.id: a.dealer_region_id for a in addresses if a.dealer_region_id}
        rest = addresses.filtered(lambda a: a.id not in result)
        names = {n.strip().lower() for a in rest for n in (a.city, a.state_id.name) if n and n.strip()}
        if not names:
            return result
        by_name = {}
        regions = self.env["dealer.region"].sudo().search([])
        for region in regions.sorted(lambda r: -len(r.parent_path or "")):
            for key in region._dealer_address_keys():
                by_name.setdefault(key, region)
        for address in rest:
            for name in (address.city, address.state_id.name):
                region = by_name.get((name or "").strip().lower())
                if region:
                    result[address.id] = region
                    break
        return result

    def _dealer_portal_in_territory(self, address):
        """Whether address lies in this dealer's sales region (or one of its sub-regions)."""
        self.ensure_one()
        dealer = self.commercial_partner_id.sudo()
        if not dealer.dealer_region_id:
            return True
        region = self._dealer_portal_address_regions(address.sudo()).get(address.id)
        if not region:
            return False
        return region.parent_path.startswith(dealer.dealer_region_id.parent_path)

    # ------------------------------------------------------------
    # AUTHORISED ASSORTMENT AS A DOMAIN (catalog search)
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_rule_verdicts(self, rules, categories):
        """{category id: include?} from the most specific category rule among rules, for categories."""
        categ_rules = rules.filtered("categ_id")
        verdicts = {}
        for category in categories:
            matching = categ_rules.filtered(lambda r, c=category: c.parent_path.startswith(r.categ_id.parent_path))
            if matching:
                best = max(matching, key=lambda r: len(r.categ_id.parent_path))
                verdicts[category.id] = best.rule_type == "include"
        return verdicts

    def _dealer_portal_catalog_domain(self):
        """A product.product domain of this dealer's catalog: what is sold and what it may buy. The
        portal's catalog and every other channel a dealer orders through (the API) read it here."""
        self.ensure_one()
        return [("sale_ok", "=", True), *self._dealer_portal_authorised_domain()]

    def _dealer_portal_catalog_pricelist(self, company):
        """The price list that prices this dealer's catalog and orders in company."""
        self.ensure_one()
        return self.sudo().with_company(company).property_product_pricelist

    def _dealer_portal_authorised_domain(self):
        """A product.product domain of what this dealer may buy, equivalent to
        dealer_pricing's _dealer_get_unauthorised (most specific rule wins: the dealer's own rules
        before its level's, a product before a category, a deeper category first)."""
        self.ensure_one()
        rules = self._dealer_get_assortment_rules()
        if not rules:
            return []
        whitelist = "include" in rules.mapped("rule_type")
        dealer_rules = rules.filtered("dealer_id")
        level_rules = rules - dealer_rules
        categories = self.env["product.category"].sudo().search([])
        dealer_verdicts = self._dealer_portal_rule_verdicts(dealer_rules, categories)
        level_verdicts = self._dealer_portal_rule_verdicts(level_rules, categories)

        def product_ids(rule_set, rule_type):
            return rule_set.filtered(lambda r: r.product_id and r.rule_type == rule_type).product_id.ids

        dealer_products = dealer_rules.product_id.ids
        level_products = level_rules.product_id.ids
        # Categories decided by the dealer's own category rules, and those left to the level.
        dealer_included = [c for c, ok in dealer_verdicts.items() if ok]
        dealer_decided = list(dealer_verdicts)
        level_allowed = [
            c.id for c in categories if c.id not in dealer_verdicts and level_verdicts.get(c.id, not whitelist)
        ]
        return expression.OR(
            [
                [("id", "in", product_ids(dealer_rules, "include"))],
                [("id", "not in", dealer_products), ("categ_id", "in", dealer_included)],
                [
                    ("id", "not in", dealer_products),
                    ("categ_id", "not in", dealer_decided),
                    ("id", "in", product_ids(level_rules, "include")),
                ],
                [
                    ("id", "not in", dealer_products + level_products),
                    ("categ_id", "in", level_allowed),
                ],
            ]
        )

    # ------------------------------------------------------------
    # STATEMENT JOB
    # ------------------------------------------------------------

    def _dealer_portal_statement_job_step(self, job):
        """Make the statement file job asks for, attached to the job (its user alone may download it)."""
        self.ensure_one()
        payload = job.payload or {}
        Statement = self.env["dealer.statement"]
        date_from, date_to = fields.Date.to_date(payload["date_from"]), fields.Date.to_date(payload["date_to"])
        data = Statement._dealer_statement_data(self, date_from, date_to, company=job.company_id)
        content, mimetype, filename = Statement._dealer_statement_file(data, payload.get("kind"))
        attachment = self.env["ir.attachment"].create(
            {"name": filename, "raw": content, "mimetype": mimetype, "res_model": job._name, "res_id": job.id}
        )
        job.write({"attachment_id": attachment.id, "progress_done": 1, "progress_total": 1})
        return True
