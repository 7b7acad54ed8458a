from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount

# The fields whose change is recorded in the price history.
TRACKED_FIELDS = ("price", "min_quantity", "date_start", "date_end")


class DealerPrice(models.Model):
    """A price agreed with one dealer for one product.

    Each row owns one fixed-price item of the dealer's own price list, so
    Odoo's price list engine (sale order lines, portal, invoices) applies it.
    """

    _name = "dealer.price"
    _description = "Dealer Price"
    _order = "dealer_id, product_id, min_quantity, date_start, id"
    _rec_name = "product_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    dealer_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_dealer", "=", True)],
    )
    dealer_code = fields.Char(related="dealer_id.dealer_code")
    product_id = fields.Many2one("product.product", required=True, index=True, ondelete="cascade")
    default_code = fields.Char(related="product_id.default_code", string="SKU")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    price = fields.Monetary(required=True, currency_field="currency_id")
    min_quantity = fields.Float(
        string="Min. Quantity",
        default=0.0,
        digits="Product Unit of Measure",
        help="Quantity break: the price applies from this quantity (in the product's unit).",
    )
    date_start = fields.Date(string="Valid From", help="First day of validity, in the dealer's time zone.")
    date_end = fields.Date(string="Valid To", help="Last day of validity (included), in the dealer's time zone.")
    active = fields.Boolean(default=True)
    pricelist_item_id = fields.Many2one(
        "product.pricelist.item", string="Price List Rule", readonly=True, copy=False, ondelete="set null"
    )
    history_ids = fields.One2many("dealer.price.history", "dealer_price_id", readonly=True)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("price")
    def _check_price(self):
        for record in self:
            if record.price <= 0:
                raise ValidationError(
                    _(
                        "The price of %(product)s for %(dealer)s must be positive.",
                        product=record.product_id.display_name,
                        dealer=record.dealer_id.display_name,
                    )
                )

    @api.constrains("dealer_id")
    def _check_dealer_id(self):
        for record in self:
            if not record.dealer_id.is_dealer:
                raise ValidationError(_("%s is not a dealer.", record.dealer_id.display_name))

    @api.constrains("date_start", "date_end", "min_quantity", "dealer_id", "product_id", "active")
    def _check_overlap(self):
        for record in self:
            if record.date_start and record.date_end and record.date_start > record.date_end:
                raise ValidationError(
                    _(
                        "The price of %s ends before it starts.",
                        record.product_id.display_name,
                    )
                )
        others = self.search(
            [
                ("dealer_id", "in", self.dealer_id.ids),
                ("product_id", "in", self.product_id.ids),
                ("id", "not in", self.ids),
            ]
        )
        # Grouped by key, so that checking many prices at once stays linear.
        by_key = {}
        for other in (others | self).filtered("active"):
            by_key.setdefault(other._overlap_key(), []).append(other)
        for record in self.filtered("active"):
            for other in by_key[record._overlap_key()]:
                if other == record:
                    continue
                if record._overlaps(other.date_start, other.date_end):
                    raise ValidationError(
                        _(
                            "%(dealer)s already has a price for %(product)s from %(qty)s units "
                            "over an overlapping period.",
                            dealer=record.dealer_id.display_name,
                            product=record.product_id.display_name,
                            qty=record.min_quantity,
                        )
                    )

    def _overlap_key(self):
        return (self.dealer_id.id, self.product_id.id, self.company_id.id, round(self.min_quantity, 6))

    def _overlaps(self, date_start, date_end):
        """Whether [date_start, date_end] (False = open) meets this record's window."""
        self.ensure_one()
        starts_before_other_ends = not self.date_start or not date_end or self.date_start <= date_end
        ends_after_other_starts = not self.date_end or not date_start or self.date_end >= date_start
        return starts_before_other_ends and ends_after_other_starts

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._sync_pricelist_item()
        records._log_history("create", {})
        return records

    def write(self, vals):
        tracked = [f for f in TRACKED_FIELDS if f in vals]
        old = {rec.id: {f: rec[f] for f in TRACKED_FIELDS} for rec in self} if tracked else {}
        res = super().write(vals)
        if set(vals) & {*TRACKED_FIELDS, "active", "dealer_id", "product_id", "company_id"}:
            self._sync_pricelist_item()
        if tracked:
            changed = self.filtered(lambda r: any(old[r.id][f] != r[f] for f in tracked))
            changed._log_history("write", old)
        return res

    def unlink(self):
        self._log_history("unlink", {})
        items = self.sudo().pricelist_item_id.with_context(dealer_pricing_sync=True)
        res = super().unlink()
        items.unlink()
        return res

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _get_dealer_tz(self):
        self.ensure_one()
        return pytz.timezone(self.dealer_id.tz or self.env.user.tz or "UTC")

    def _date_to_utc(self, day, end=False):
        """The UTC instant at which a day in the dealer's time zone starts (or ends)."""
        if not day:
            return False
        local = self._get_dealer_tz().localize(datetime.combine(day, time.max if end else time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)

    def _prepare_pricelist_item_vals(self, pricelist):
        self.ensure_one()
        return {
            "pricelist_id": pricelist.id,
            "applied_on": "0_product_variant",
            "product_id": self.product_id.id,
            "product_tmpl_id": self.product_id.product_tmpl_id.id,
            "compute_price": "fixed",
            "fixed_price": self.price,
            "min_quantity": self.min_quantity,
            "date_start": self._date_to_utc(self.date_start),
            "date_end": self._date_to_utc(self.date_end, end=True),
            "dealer_price_id": self.id,
        }

    def _sync_pricelist_item(self):
        """Write each price into its item of the dealer's price list."""
        Item = self.env["product.pricelist.item"].sudo().with_context(dealer_pricing_sync=True)
        self.dealer_id._dealer_sync_pricelist()
        new_records, new_vals = [], []
        for record in self:
            item = record.sudo().pricelist_item_id.with_context(dealer_pricing_sync=True)
            if not record.active:
                if item:
                    record.sudo().pricelist_item_id = False
                    item.unlink()
                continue
            vals = record._prepare_pricelist_item_vals(record.dealer_id.sudo().dealer_pricelist_id)
            if item:
                item.write(vals)
            else:
                new_records.append(record)
                new_vals.append(vals)
        # New prices (an import, a new dealer's list) get their items in one create.
        for record, item in zip(new_records, Item.create(new_vals), strict=True):
            record.sudo().pricelist_item_id = item

    def _log_history(self, change, old):
        History = self.env["dealer.price.history"].sudo()
        vals_list = []
        for record in self:
            before = old.get(record.id, {})
            vals_list.append(
                {
                    "dealer_price_id": record.id if change != "unlink" else False,
                    "dealer_id": record.dealer_id.id,
                    "product_id": record.product_id.id,
                    "company_id": record.company_id.id,
                    "change_type": change,
                    "user_id": self.env.user.id,
                    "old_price": record.price if change == "unlink" else before.get("price", 0.0),
                    "new_price": 0.0 if change == "unlink" else record.price,
                    "min_quantity": record.min_quantity,
                    "old_date_start": before.get("date_start", False),
                    "old_date_end": before.get("date_end", False),
                    "date_start": record.date_start,
                    "date_end": record.date_end,
                }
            )
        History.create(vals_list)

    def _get_explanation(self):
        self.ensure_one()
        parts = [_("Dealer price %(price)s", price=format_amount(self.env, self.price, self.currency_id))]
        if self.min_quantity > 1:
            qty = f"{self.min_quantity:g}"
            parts.append(_("break ≥ %(qty)s units", qty=qty))
        if self.date_start or self.date_end:
            parts.append(
                _(
                    "valid %(start)s → %(end)s",
                    start=self.date_start or "…",
                    end=self.date_end or "…",
                )
            )
        return ", ".join(parts)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_export_xlsx(self):
        """Download the selected prices in the import's columns, as .xlsx."""
        return self._dealer_export("xlsx")

    def action_export_xls(self):
        """Download the selected prices in the import's columns, as .xls (Excel 97-2003)."""
        return self._dealer_export("xls")

    def _dealer_export(self, file_format):
        prices = self or self.search([])
        Import = self.env["dealer.price.import"]
        if file_format == "xls":
            data, mimetype = Import._export_xls(prices), "application/vnd.ms-excel"
        else:
            data = Import._export_xlsx(prices)
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"dealer_prices.{file_format}",
                "raw": data,
                "mimetype": mimetype,
                "res_model": self._name,
            }
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}
