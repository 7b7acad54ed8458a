from odoo import _, api, fields, models

from odoo.addons.dealer_base.tools import claim_rows

from . import order_input

QUICK_ORDER_KEYS_KEPT = 20


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_quick_order_key = fields.Char(
        string="Quick Order Keys",
        copy=False,
        readonly=True,
        help="The keys of the last quick-order forms added to this cart, space-separated: the same form sent "
        "again adds nothing.",
    )

    # ------------------------------------------------------------
    # QUICK ORDER
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_quick_order_rows(self, text, grid):
        """Rows of a quick order: the pasted lines, then the typed grid rows.

        grid: list of (product code, quantity) as typed. Returns (rows, errors,
        refs): errors for the lines that cannot be split into a code and a
        quantity, refs every line's name (line or grid row number) in the order
        typed.
        """
        rows, errors, refs = order_input.parse_quick_order(self.env, text, lambda n: self.env._("Line %s", n))
        for number, (typed_sku, typed_qty) in enumerate(grid or [], start=1):
            sku, qty = order_input.normalise_text(typed_sku or ""), order_input.normalise_text(typed_qty or "")
            if not sku and not qty:
                continue
            ref = _("Grid row %s", number)
            refs.append(ref)
            if not sku:
                errors.append((ref, _("no product code.")))
                continue
            rows.append({"ref": ref, "sku": sku, "qty": order_input.normalise_quantity(qty)})
        return rows, errors, refs

    def _dealer_portal_add_quick_order(self, text, grid, key=None):
        """Add a quick order to this cart, all or nothing, once per form.

        Returns the list of (line, error) to show; when it is empty, every line
        was added. key (the form's, made when it was rendered) is kept on the
        cart with the keys of the cart's last forms: the same form sent again
        (a double click, a retried request, a tab left open while another form
        was sent) adds nothing and answers as the first time. The cart's row
        is claimed first (claim_rows): two identical requests at the same
        moment run one after the other, and the second, retried by Odoo,
        finds the key.
        """
        self.ensure_one()
        key, kept = "".join((key or "").split()), []
        if key:
            claim_rows(self)
            kept = (self.dealer_quick_order_key or "").split()
            if key in kept:
                return []
        rows, errors, refs = self._dealer_portal_quick_order_rows(text, grid)
        if not rows and not errors:
            return [("", _("Paste or type at least one product code and quantity."))]
        dealer = self.partner_id.commercial_partner_id
        _valid, check_errors = self._dealer_portal_check_rows(dealer, rows)
        errors += check_errors
        if errors:
            position = {ref: index for index, ref in enumerate(refs)}
            return sorted(errors, key=lambda error: position.get(error[0], -1))
        self._dealer_portal_add_rows(rows)
        if key:
            self.dealer_quick_order_key = " ".join([*kept, key][-QUICK_ORDER_KEYS_KEPT:])
        return []
