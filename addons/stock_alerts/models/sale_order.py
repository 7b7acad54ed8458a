from markupsafe import Markup

from odoo import _, fields, models
from odoo.tools import float_is_zero


class SaleOrder(models.Model):
    _inherit = "sale.order"

    stock_allocation_html = fields.Html(
        string="Warehouse Allocation",
        readonly=True,
        copy=False,
        sanitize=True,
        help="Which warehouse ships which quantity of each line, decided when the order was confirmed.",
    )

    def _action_confirm(self):
        plan = self._get_stock_allocation()
        if not plan:
            # No dealer order of a mapped region: Odoo confirms the orders as it is.
            return super()._action_confirm()
        return super(SaleOrder, self.with_context(stock_alerts_plan=plan))._action_confirm()

    def _get_stock_allocation(self):
        """Allocate the dealer orders' lines to warehouses; return {line id: [(warehouse, qty)]}.

        Priority: the warehouses mapped to the dealer's sales region (or its nearest ancestor with a
        mapping) by mapping sequence; at equal sequence, the warehouse with more available stock first.
        Each line takes what the first warehouse has available, the rest from the next, and so on;
        what no warehouse has is left to the first warehouse (a backorder there). Quantities are in
        the product's unit. Orders without a mapped region keep Odoo's single warehouse.
        """
        plan, contexts = {}, []
        for order in self:
            region = order.partner_id.dealer_id.dealer_region_id
            mappings = region._get_serving_mappings(order.company_id) if region else False
            lines = order.order_line.filtered(
                lambda line: line.product_id.is_storable and not line.display_type and line.product_uom_qty > 0
            )
            if mappings and lines:
                contexts.append((order, mappings, lines))
        if not contexts:
            return plan
        warehouses = self.env["stock.warehouse"].union(*(m.warehouse_id for _o, m, _l in contexts))
        products = self.env["product.product"].union(*(lines.product_id for _o, _m, lines in contexts))
        available = warehouses._get_available_qty(products)
        for order, mappings, lines in contexts:
            rows = []
            for line in lines:
                product = line.product_id
                rounding = product.uom_id.rounding
                remaining = line.product_uom._compute_quantity(line.product_uom_qty, product.uom_id)
                ranked = sorted(
                    mappings, key=lambda m, p=product: (m.sequence, -available.get((p.id, m.warehouse_id.id), 0.0))
                )
                allocation = {}
                for mapping in ranked:
                    if float_is_zero(remaining, precision_rounding=rounding):
                        break
                    key = (product.id, mapping.warehouse_id.id)
                    take = min(remaining, max(available.get(key, 0.0), 0.0))
                    if take > 0:
                        allocation[mapping.warehouse_id] = take
                        available[key] = available.get(key, 0.0) - take
                        remaining -= take
                        rows.append((line, mapping.warehouse_id, take, False))
                if not float_is_zero(remaining, precision_rounding=rounding):
                    first = mappings[0].warehouse_id
                    allocation[first] = allocation.get(first, 0.0) + remaining
                    rows.append((line, first, remaining, True))
                plan[line.id] = list(allocation.items())
            order.stock_allocation_html = order._render_stock_allocation(rows)
        return plan

    def _render_stock_allocation(self, rows):
        self.ensure_one()
        body = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td class='text-end'>%s %s</td><td>%s</td></tr>")
            % (
                line.product_id.display_name,
                warehouse.name,
                f"{qty:g}",
                line.product_id.uom_id.name,
                self.env._("waiting for stock") if waiting else self.env._("available"),
            )
            for line, warehouse, qty, waiting in rows
        )
        head = Markup("<tr><th>%s</th><th>%s</th><th class='text-end'>%s</th><th>%s</th></tr>") % (
            _("Product"),
            _("Warehouse"),
            _("Quantity"),
            _("Stock"),
        )
        return Markup("<table class='table table-sm'><thead>%s</thead><tbody>%s</tbody></table>") % (head, body)
