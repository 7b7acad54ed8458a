from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.invoice_details import INVOICE_TYPES


class SaleOrder(models.Model):
    _inherit = "sale.order"

    dealer_invoice_type = fields.Selection(
        selection=INVOICE_TYPES,
        string="Invoice Type",
        compute="_compute_dealer_invoice_type",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        tracking=True,
        help="The invoice the dealer wants for this order: special VAT invoice (增值税专用发票), "
        "ordinary VAT invoice (增值税普通发票) or none. Empty for customers outside the channel.",
    )

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("partner_id")
    def _compute_dealer_invoice_type(self):
        for order in self:
            dealer = order.partner_id.dealer_id
            if not dealer:
                order.dealer_invoice_type = False
            elif not order.dealer_invoice_type or order._origin.partner_id != order.partner_id:
                order.dealer_invoice_type = dealer.sudo().dealer_invoice_default_type or "ordinary"

    # ------------------------------------------------------------
    # PORTAL CHECKOUT
    # ------------------------------------------------------------

    def _dealer_portal_checkout_vals(self, form, addresses):
        errors = []
        invoice_type = self._dealer_invoice_checkout_type(form, errors)
        try:
            vals = super()._dealer_portal_checkout_vals(form, addresses)
        except UserError as error:
            if not errors:
                raise
            raise UserError("\n".join([str(error), *errors])) from None
        if errors:
            raise UserError("\n".join(errors))
        vals["dealer_invoice_type"] = invoice_type
        return vals

    def _dealer_invoice_checkout_type(self, form, errors):
        """The invoice type chosen in the checkout form (the order's own when the form has none);
        appends to errors when it is unknown or when a special VAT invoice lacks invoice details."""
        self.ensure_one()
        invoice_type = form.get("dealer_invoice_type") or self.dealer_invoice_type or "ordinary"
        if invoice_type not in dict(INVOICE_TYPES):
            errors.append(_("Choose an invoice type."))
            return False
        if invoice_type == "special":
            missing = self.partner_invoice_id.commercial_partner_id._dealer_invoice_missing()
            if missing:
                errors.append(
                    _(
                        "A special VAT invoice needs your complete invoice details; missing: %s. "
                        "Your administrator or accountant completes them under Invoice Details, "
                        "or choose another invoice type.",
                        ", ".join(missing),
                    )
                )
        return invoice_type

    # ------------------------------------------------------------
    # INVOICING
    # ------------------------------------------------------------

    def _get_invoice_grouping_keys(self):
        # Orders asking for different invoice types never end on one invoice.
        return [*super()._get_invoice_grouping_keys(), "dealer_invoice_type"]

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.dealer_invoice_type:
            vals.update(self._dealer_invoice_snapshot_vals())
        return vals

    def _dealer_invoice_snapshot_vals(self):
        """The invoice type and the dealer's invoice details as they are now, for the invoice."""
        self.ensure_one()
        details = self.partner_invoice_id.commercial_partner_id._dealer_invoice_details()
        return dict(details, dealer_invoice_type=self.dealer_invoice_type)
