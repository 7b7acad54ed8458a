import math

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, float_round


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_cart_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Cart of",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="Set while the quotation is a portal user's cart; cleared when the cart is submitted.",
    )

    # ------------------------------------------------------------
    # PORTAL SUBMISSION
    # ------------------------------------------------------------

    def _dealer_portal_submit(self):
        """Submit a portal cart: the single entry point of a dealer's checkout.

        Other parts of the portal extend it (review, approval by the dealer's
        own approver) with super().
        """
        self.ensure_one()
        self.dealer_cart_user_id = False
        return self.action_confirm()

    # ------------------------------------------------------------
    # PORTAL ORDER LINES: ONE CHECK FOR CATALOG, QUICK ORDER, IMPORT, REORDER
    # ------------------------------------------------------------

    @api.model
    def _dealer_portal_check_rows(self, dealer, rows):
        """Validate order rows for dealer before anything is added.

        rows: list of dicts with "ref" (what the user calls the row: a line or row
        number), "qty" (number or text) and either "product_id" or "sku" (internal
        reference or barcode). Returns (valid, errors): valid is a list of
        (product, qty, ref), errors a list of (ref, message). Queries do not grow
        with the number of rows.
        """
        Product = self.env["product.product"]
        skus = {str(row["sku"]).strip() for row in rows if row.get("sku") not in (None, "")}
        by_sku = {}
        if skus:
            found = Product.search(
                ["&", ("sale_ok", "=", True), "|", ("default_code", "in", list(skus)), ("barcode", "in", list(skus))]
            )
            for product in found:
                by_sku.setdefault(product.barcode, product)
                by_sku[product.default_code] = product
        ids = {int(row["product_id"]) for row in rows if str(row.get("product_id") or "").isdigit()}
        by_id = {p.id: p for p in Product.search([("id", "in", list(ids)), ("sale_ok", "=", True)])} if ids else {}
        resolved = []
        errors = []
        for row in rows:
            ref = row.get("ref")
            if row.get("sku") not in (None, ""):
                sku = str(row["sku"]).strip()
                product = by_sku.get(sku)
                if not product:
                    errors.append((ref, _("Unknown product code %s.", sku)))
                    continue
            else:
                product = by_id.get(int(row["product_id"])) if str(row.get("product_id") or "").isdigit() else None
                if not product:
                    errors.append((ref, _("Unknown product.")))
                    continue
            qty = self._dealer_portal_parse_qty(row.get("qty"))
            if qty is None or qty <= 0:
                errors.append(
                    (ref, _("%(product)s: the quantity must be a positive number.", product=product.display_name))
                )
                continue
            resolved.append((product, qty, ref))
        products = Product.union(*[product for product, _qty, _ref in resolved]) if resolved else Product
        refused = dealer._dealer_get_unauthorised(products) if products else Product
        valid = []
        for product, qty, ref in resolved:
            error = self._dealer_portal_check_qty(product, qty, refused)
            if error:
                errors.append((ref, error))
            else:
                valid.append((product, qty, ref))
        return valid, errors

    @api.model
    def _dealer_portal_parse_qty(self, value):
        if isinstance(value, bool) or value in (None, ""):
            return None
        if isinstance(value, (int, float)):
            qty = float(value)
        else:
            try:
                qty = float(str(value).strip().replace(",", ""))
            except ValueError:
                return None
        return qty if math.isfinite(qty) else None

    @api.model
    def _dealer_portal_check_qty(self, product, qty, refused):
        """Error message for one row of an authorised-assortment and quantity check, or None."""
        if product in refused:
            return _("%s is not in your authorised assortment.", product.display_name)
        precision = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        template = product.product_tmpl_id
        if template.dealer_min_qty and float_compare(qty, template.dealer_min_qty, precision_digits=precision) < 0:
            return _(
                "%(product)s: the minimum quantity is %(min)s.",
                product=product.display_name,
                min=template.dealer_min_qty,
            )
        pack = template.dealer_pack_qty
        if pack and pack != 1:
            remainder = float_round(qty % pack, precision_digits=precision)
            if not float_is_zero(remainder, precision_digits=precision) and not float_is_zero(
                pack - remainder, precision_digits=precision
            ):
                return _(
                    "%(product)s is sold in packs of %(pack)s: order a multiple of %(pack)s.",
                    product=product.display_name,
                    pack=pack,
                )
        return None

    def _dealer_portal_add_rows(self, rows):
        """Add rows to this cart, all or nothing.

        Every row is checked first; any error raises a UserError listing every
        bad row and nothing is added. Quantities of a product already in the
        cart are increased. Returns the valid rows as (product, qty, ref).
        """
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("Order %s can no longer be changed.", self.name))
        dealer = self.partner_id.commercial_partner_id
        valid, errors = self._dealer_portal_check_rows(dealer, rows)
        if errors:
            raise UserError("\n".join(_("%(ref)s: %(error)s", ref=ref, error=error) for ref, error in errors))
        totals = {}
        for product, qty, _ref in valid:
            totals[product] = totals.get(product, 0.0) + qty
        existing = {}
        for line in self.order_line.filtered(lambda line: not line.display_type and not line.is_reward_line):
            existing.setdefault(line.product_id, line)
        commands = []
        for product, qty in totals.items():
            line = existing.get(product)
            if line:
                commands.append(Command.update(line.id, {"product_uom_qty": line.product_uom_qty + qty}))
            else:
                commands.append(Command.create({"product_id": product.id, "product_uom_qty": qty}))
        if commands:
            self.write({"order_line": commands})
        return valid
