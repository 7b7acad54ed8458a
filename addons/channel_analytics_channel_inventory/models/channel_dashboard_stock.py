from odoo import api, models


class ChannelDashboard(models.AbstractModel):
    _inherit = "channel.dashboard"

    @api.model
    def _channel_stock_domain(self, values):
        """Channel stock rows within the dashboard's filters (period aside: the stock is today's)."""
        domain = [("dealer_id", "in", values["dealers"].ids), ("company_id", "in", self.env.companies.ids)]
        if values["region"]:
            domain.append(("region_id", "child_of", values["region"].id))
        for key in ("level_id", "user_id", "categ_id"):
            if values[key]:
                domain.append((key, "=", values[key]))
        return domain

    @api.model
    def get_channel_stock_data(self, filters=None):
        """Stock held by the dealers: by region (rolled up to the sub-regions of the selected one), weeks
        of cover, dealers at risk of stock-out and overstocked; or {'error': message}."""
        values, error = self._parse_filters(filters)
        if error:
            return {"error": error}
        domain = self._channel_stock_domain(values)
        overview = self.env["dealer.channel.stock"]._get_channel_overview(domain)
        parent = values["region"]
        Region = self.env["dealer.region"]
        children = parent.child_ids if parent else Region.search([("parent_id", "=", False)])
        nodes = children | parent
        totals = {node.id: [0.0, 0.0] for node in nodes}
        for item in overview["regions"]:
            region = item["region"]
            path = region.parent_path or ""
            node = next((n for n in children if path.startswith(n.parent_path)), parent if region == parent else None)
            if node:
                totals[node.id][0] += item["qty"]
                totals[node.id][1] += item["weekly"]
        labels = dict(self.env["dealer.channel.stock"]._fields["status"]._description_selection(self.env))
        return {
            "kpi": {
                "channel_qty": overview["channel_qty"],
                "weekly_sellout": overview["weekly_sellout"],
                "cover_weeks": overview["cover_weeks"],
                "estimated_qty": overview["estimated_qty"],
                "near_expiry_qty": overview["near_expiry_qty"],
            },
            "regions": [
                {
                    "id": node.id,
                    "name": node.name,
                    "qty": totals[node.id][0],
                    "cover_weeks": totals[node.id][0] / totals[node.id][1] if totals[node.id][1] else 0,
                }
                for node in nodes
                if totals[node.id][0] or node in children
            ],
            "status": [
                {"key": key, "name": labels[key], "count": figures["count"], "qty": figures["qty"]}
                for key, figures in sorted(overview["status"].items())
                if key
            ],
            "at_risk_dealers": overview["at_risk_dealers"],
            "overstocked_dealers": overview["overstocked_dealers"],
            "domain": domain,
        }
