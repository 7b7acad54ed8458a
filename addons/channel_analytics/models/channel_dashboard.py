import base64
import io
from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.dealer_base.tools import xlsx_workbook, xlsx_write, xlsx_write_row

MIN_DATE = date(2000, 1, 1)
MAX_YEARS = 10
TOP_N = 10


class ChannelDashboard(models.AbstractModel):
    """The channel dashboard's figures, read from the summaries within the user's dealers."""

    _name = "channel.dashboard"
    _description = "Channel Dashboard"

    # ------------------------------------------------------------
    # FILTERS
    # ------------------------------------------------------------

    @api.model
    def _get_allowed_dealers(self):
        """The dealers the user may see: a normal search, so the dealer record rules apply."""
        return self.env["res.partner"].search([("is_dealer", "=", True)])

    @api.model
    def _parse_filters(self, filters):
        """Return (values, error): the checked filters, or the message explaining what is wrong."""
        try:
            return self._check_filters(filters), None
        except UserError as error:
            return None, error.args[0]

    @api.model
    def _check_filters(self, filters):
        """The checked filters; a UserError says what is wrong with them."""
        filters = filters or {}
        today = fields.Date.context_today(self)
        try:
            date_to = fields.Date.to_date(filters.get("date_to")) or today
            date_from = fields.Date.to_date(filters.get("date_from")) or (
                date_to.replace(day=1) - relativedelta(months=11)
            )
        except (TypeError, ValueError):
            raise UserError(_("The period is not a valid date range.")) from None
        if date_from > date_to:
            raise UserError(_("The period starts after it ends: swap the dates."))
        if date_from < MIN_DATE:
            raise UserError(_("The period cannot start before %s.", MIN_DATE.isoformat()))
        if date_to > date_from + relativedelta(years=MAX_YEARS):
            raise UserError(_("The period cannot be longer than %s years.", MAX_YEARS))
        dealers = self._get_allowed_dealers()
        values = {
            "date_from": date_from,
            "date_to": date_to,
            "dealers": dealers,
            "region": self.env["dealer.region"],
            "level_id": False,
            "user_id": False,
            "categ_id": False,
        }
        for key in ("region_id", "level_id", "user_id", "categ_id"):
            value = filters.get(key)
            if value in (None, False, ""):
                continue
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise UserError(_("A filter has an invalid value.")) from None
            if key == "region_id":
                region = self.env["dealer.region"].browse(value).exists()
                if not region or not self._region_visible(region, dealers):
                    raise UserError(_("You have no dealers in this region, or it does not exist."))
                values["region"] = region
            else:
                values[key] = value
        return values

    @api.model
    def _region_visible(self, region, dealers):
        """A region is visible when one of the user's dealers lies in it or in one of its sub-regions."""
        if self.env.user.has_group("dealer_base.group_dealer_manager"):
            return True
        return any(
            (path or "").startswith(region.parent_path) for path in dealers.dealer_region_id.mapped("parent_path")
        )

    @api.model
    def _summary_domain(self, values, with_categ=True, date_from=None, date_to=None):
        date_from = date_from or values["date_from"]
        date_to = date_to or values["date_to"]
        domain = [
            ("month", ">=", date_from.replace(day=1)),
            ("month", "<=", date_to),
            ("dealer_id", "in", values["dealers"].ids),
            ("company_id", "in", self.env.companies.ids),
        ]
        if values["region"]:
            domain.append(("region_id", "child_of", values["region"].id))
        for key in ("level_id", "user_id") + (("categ_id",) if with_categ else ()):
            if values[key]:
                domain.append((key, "=", values[key]))
        return domain

    @api.model
    def _order_domain(self, values):
        """Confirmed orders behind the figures (the summary months, whole months)."""
        domain = [
            ("state", "=", "sale"),
            ("date_order", ">=", fields.Datetime.to_datetime(values["date_from"].replace(day=1))),
            ("date_order", "<", fields.Datetime.to_datetime(values["date_to"] + relativedelta(days=1))),
        ]
        return expression.AND([domain, self._dealer_order_domain(values)])

    @api.model
    def _dealer_order_domain(self, values):
        domain = [
            ("partner_id.dealer_id", "in", values["dealers"].ids),
            ("company_id", "in", self.env.companies.ids),
        ]
        if values["region"]:
            domain.append(("partner_id.dealer_id.dealer_region_id", "child_of", values["region"].id))
        if values["level_id"]:
            domain.append(("partner_id.dealer_id.dealer_level_id", "=", values["level_id"]))
        if values["user_id"]:
            domain.append(("partner_id.dealer_id.user_id", "=", values["user_id"]))
        return domain

    # ------------------------------------------------------------
    # DASHBOARD DATA
    # ------------------------------------------------------------

    @api.readonly
    @api.model
    def get_dashboard_data(self, filters=None):
        """All the figures of the dashboard for these filters, or {'error': message}."""
        values, error = self._parse_filters(filters)
        if error:
            return {"error": error}
        Summary = self.env["channel.sale.summary.dealer"]
        domain = self._summary_domain(values)
        count_field = "categ_order_count" if values["categ_id"] else "order_count"
        # One pass per dealer, region and level (a dealer's region and level are those of each month)
        # gives the totals, the buying dealers, the top dealers, the regions and the level mix.
        groups = Summary._read_group(
            domain, ["dealer_id", "region_id", "level_id"], ["amount:sum", "qty:sum", f"{count_field}:sum"]
        )
        by_dealer = defaultdict(float)
        by_region = defaultdict(float)
        by_level = defaultdict(float)
        amount = qty = orders = 0
        for dealer, region, level, group_amount, group_qty, group_orders in groups:
            by_dealer[dealer] += group_amount
            by_region[region] += group_amount
            by_level[level] += group_amount
            amount += group_amount
            qty += group_qty
            orders += group_orders
        top_dealers = sorted(by_dealer.items(), key=lambda item: (-item[1], item[0].id))[:TOP_N]
        # Names for the top dealers only: the grouped records prefetch every dealer of the period.
        top_names = dict(
            self.env["res.partner"]
            .browse([dealer.id for dealer, _amount in top_dealers])
            .mapped(lambda dealer: (dealer.id, dealer.display_name))
        )
        data = {
            "filters": {
                "date_from": fields.Date.to_string(values["date_from"]),
                "date_to": fields.Date.to_string(values["date_to"]),
                "region_id": values["region"].id or False,
                "level_id": values["level_id"],
                "user_id": values["user_id"],
                "categ_id": values["categ_id"],
            },
            "currency": self._currency_info(),
            "kpi": {
                "amount": amount,
                "qty": qty,
                "order_count": orders,
                "average_order": amount / orders if orders else 0.0,
                "dealer_count": len(by_dealer),
            },
            "trend": self._get_trend(values),
            "regions": self._get_regions(values, by_region),
            "top_dealers": [
                {"id": dealer.id, "name": top_names[dealer.id], "amount": dealer_amount}
                for dealer, dealer_amount in top_dealers
            ],
            "top_products": self._get_top_products(values),
            "levels": self._top_items(sorted(by_level.items(), key=lambda item: (-item[1], item[0].id or 0))),
            "domains": {
                "summary": domain,
                "orders": self._order_domain(values),
            },
        }
        data["kpi"].update(self._get_payment_kpi(values))
        data["kpi"].update(self._get_pending_kpi(values, data["domains"]))
        data["warnings"] = self._get_warnings(values, data["domains"])
        data["options"] = self._get_filter_options(values)
        return data

    @api.model
    def _currency_info(self):
        currency = self.env.company.currency_id
        return {"symbol": currency.symbol, "position": currency.position, "digits": currency.decimal_places}

    @api.model
    def _get_trend(self, values):
        Summary = self.env["channel.sale.summary.dealer"]
        months = []
        month = values["date_from"].replace(day=1)
        while month <= values["date_to"]:
            months.append(month)
            month += relativedelta(months=1)
        # One query covers the period and the same months last year: a month's total is the same in both.
        totals = dict(
            Summary._read_group(
                self._summary_domain(values, date_from=values["date_from"] - relativedelta(years=1)),
                ["month:month"],
                ["amount:sum"],
            )
        )
        return {
            "labels": [m.strftime("%Y-%m") for m in months],
            "months": [fields.Date.to_string(m) for m in months],
            "amounts": [totals.get(m, 0.0) for m in months],
            "last_year": [totals.get(m - relativedelta(years=1), 0.0) for m in months],
        }

    @api.model
    def _get_regions(self, values, region_totals):
        """Sales of the sub-regions of the selected region (the top regions without one), from the
        totals of each dealer region."""
        Region = self.env["dealer.region"]
        parent = values["region"]
        children = parent.child_ids if parent else Region.search([("parent_id", "=", False)])
        # Dealers sitting on the selected region itself show under it.
        nodes = children | parent
        totals = dict.fromkeys(nodes.ids, 0.0)
        for region, amount in region_totals.items():
            path = region.parent_path or ""
            for node in children:
                if path.startswith(node.parent_path):
                    totals[node.id] += amount
                    break
            else:
                if parent and region == parent:
                    totals[parent.id] += amount
        return {
            "parent": parent and {"id": parent.id, "name": parent.complete_name, "parent_id": parent.parent_id.id},
            "items": [
                {"id": node.id, "name": node.name, "amount": totals[node.id], "has_children": bool(node.child_ids)}
                for node in nodes
                if totals[node.id] or node in children
            ],
        }

    @api.model
    def _sees_every_dealer(self, values):
        """Whether the user's dealers are all the dealers, archived ones included, with no dealer filter."""
        if values["region"] or values["level_id"] or values["user_id"]:
            return False
        dealers_sudo = self.env["res.partner"].sudo().with_context(active_test=False)
        return len(values["dealers"]) == dealers_sudo.search_count([("is_dealer", "=", True)])

    @api.model
    def _get_top_products(self, values):
        """Top products: from the month x product summary when the user sees every dealer (it knows no
        dealer), otherwise from the product rows of the user's dealers."""
        order = "amount:sum desc"
        if not self._sees_every_dealer(values):
            return self._top_items(
                self.env["channel.sale.summary"]._read_group(
                    self._summary_domain(values), ["product_id"], ["amount:sum"], order=order, limit=TOP_N
                )
            )
        # Checked just above: the user sees every dealer, so the figures of all of them are theirs.
        domain = [
            ("month", ">=", values["date_from"].replace(day=1)),
            ("month", "<=", values["date_to"]),
            ("company_id", "in", self.env.companies.ids),
        ]
        if values["categ_id"]:
            domain.append(("categ_id", "=", values["categ_id"]))
        summary_sudo = self.env["channel.sale.summary.product"].sudo()
        groups = summary_sudo._read_group(domain, ["product_id"], ["amount:sum"], order=order, limit=TOP_N)
        return self._top_items([(product.with_env(self.env), amount) for product, amount in groups])

    @api.model
    def _top_items(self, groups):
        return [
            {"id": record.id, "name": record.display_name or _("Undefined"), "amount": amount}
            for record, amount in groups
        ]

    @api.model
    def _get_payment_kpi(self, values):
        """Share of the invoices due in the period paid by their due date (no product category here)."""
        domain = self._summary_domain(values, with_categ=False)
        [[due, on_time]] = self.env["channel.payment.summary"]._read_group(
            domain, [], ["invoice_count:sum", "on_time_count:sum"]
        )
        due, on_time = due or 0, on_time or 0
        return {
            "invoices_due": due,
            "on_time_rate": round(100.0 * on_time / due, 1) if due else 0.0,
            "payment_domain": domain,
        }

    @api.model
    def _get_pending_kpi(self, values, domains):
        """The filtered dealers' orders waiting at each step (sale.order._get_dealer_waiting_steps():
        the modules that hold orders add the steps), each order at the one step it waits at now."""
        dealer_domain = self._dealer_order_domain(values)
        domains["waiting"] = dealer_domain
        SaleOrder = self.env["sale.order"]
        if not SaleOrder._dealer_waiting_allowed():  # a salesperson outside the dealer back office
            return {"waiting_steps": []}
        return {"waiting_steps": SaleOrder.get_dealer_waiting_counts(dealer_domain)}

    @api.model
    def _get_warnings(self, values, domains):
        domain = [("state", "=", "open"), ("dealer_id", "in", values["dealers"].ids)]
        if values["region"]:
            domain.append(("dealer_id.dealer_region_id", "child_of", values["region"].id))
        if values["user_id"]:
            domain.append(("dealer_id.user_id", "=", values["user_id"]))
        if values["level_id"]:
            domain.append(("dealer_id.dealer_level_id", "=", values["level_id"]))
        domains["warnings"] = domain
        Warning = self.env["channel.warning"]
        warnings = Warning.search(domain, limit=TOP_N)
        rules = dict(Warning._fields["rule"]._description_selection(self.env))
        return {
            "count": Warning.search_count(domain),
            "items": [
                {"id": w.id, "dealer": w.dealer_id.display_name, "rule": rules[w.rule], "message": w.message}
                for w in warnings
            ],
        }

    @api.model
    def _get_filter_options(self, values):
        dealers = values["dealers"]
        if self.env.user.has_group("dealer_base.group_dealer_manager"):
            regions = self.env["dealer.region"].search([])
        else:
            paths = {int(i) for path in dealers.dealer_region_id.mapped("parent_path") for i in path.split("/") if i}
            regions = self.env["dealer.region"].browse(sorted(paths)).exists()
        return {
            "regions": [{"id": r.id, "name": r.complete_name} for r in regions.sorted("complete_name")],
            "levels": [{"id": r.id, "name": r.name} for r in self.env["dealer.level"].search([])],
            "users": [{"id": u.id, "name": u.name} for u in dealers.user_id.sorted("name")],
            "categories": [{"id": c.id, "name": c.complete_name} for c in self.env["product.category"].search([])],
            "can_refresh": self.env.user.has_group("dealer_base.group_dealer_manager"),
        }

    # ------------------------------------------------------------
    # EXPORT
    # ------------------------------------------------------------

    @api.model
    def export_xlsx(self, filters=None):
        """The summary rows behind the dashboard, as an .xlsx download (or {'error': message})."""
        values, error = self._parse_filters(filters)
        if error:
            return {"error": error}
        rows = self.env["channel.sale.summary"].search(self._summary_domain(values))
        output = io.BytesIO()
        workbook = xlsx_workbook(output)
        sheet = workbook.add_worksheet(_("Channel Sales"))
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        headers = [
            _("Month"),
            _("Dealer"),
            _("Sales Region"),
            _("Dealer Level"),
            _("Salesperson"),
            _("Product"),
            _("Product Category"),
            _("Quantity"),
            _("Untaxed Amount"),
            _("Orders"),
        ]
        xlsx_write_row(sheet, 0, headers, bold)
        for index, row in enumerate(rows, start=1):
            # Names come from dealers (the public application form): written as text, never as formulas.
            xlsx_write_row(
                sheet,
                index,
                [
                    row.month.strftime("%Y-%m"),
                    row.dealer_id.display_name,
                    row.region_id.complete_name or "",
                    row.level_id.name or "",
                    row.user_id.name or "",
                    row.product_id.display_name or "",
                    row.categ_id.complete_name or "",
                    row.qty,
                ],
            )
            xlsx_write(sheet, index, 8, row.amount, money)
            xlsx_write(sheet, index, 9, row.order_count)
        sheet.set_column(0, 9, 18)
        workbook.close()
        name = "channel-sales-{}-{}.xlsx".format(
            fields.Date.to_string(values["date_from"]), fields.Date.to_string(values["date_to"])
        )
        attachment = self.env["ir.attachment"].create(
            {
                "name": name,
                "datas": base64.b64encode(output.getvalue()),
                "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}
