from datetime import date, datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, format_amount

from odoo.addons.dealer_base.tools import MAX_AMOUNT, format_number, max_line_qty, parse_quantity

# The fields whose change is recorded in the price history.
TRACKED_FIELDS = ("price", "min_quantity", "date_start", "date_end")
# The fields of a price's price list item that follow each of its fields.
ITEM_FIELDS = {
    "price": ("fixed_price",),
    "min_quantity": ("min_quantity",),
    "date_start": ("date_start",),
    "date_end": ("date_end",),
}


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
        old = self._dealer_values_before_write(vals)
        res = super().write(vals)
        batch = self.env.context.get("dealer_pricing_write_batch")
        if isinstance(batch, _WriteBatch):
            batch.add(self, vals, old)
        else:
            self._dealer_after_write(vals, old)
        return res

    def _dealer_write_each(self, vals_list):
        """Write ``vals_list[i]`` on ``self[i]`` through write(), then sync their price list items and
        log their history once for all: one history insert, where write() record by record inserts
        one per record. Access is checked once for all of them."""
        self.check_access("write")
        batch = _WriteBatch()
        prices_sudo = self.sudo().with_context(dealer_pricing_write_batch=batch)
        for price_sudo, vals in zip(prices_sudo, vals_list, strict=True):
            # One record's write only fills the cache: the rows are updated together when flushed.
            price_sudo.write(vals)
        self.browse(batch.ids)._dealer_after_write(batch.fnames, batch.old)
        return True

    def _dealer_values_before_write(self, fnames):
        """{id: {field: value}} of the tracked fields, when fnames changes one of them."""
        if not set(fnames) & set(TRACKED_FIELDS):
            return {}
        return {rec.id: {f: rec[f] for f in TRACKED_FIELDS} for rec in self}

    def _dealer_after_write(self, fnames, old):
        """Sync the price list items of the written prices and log what changed in their history."""
        synced = set(fnames) & {*TRACKED_FIELDS, "active", "dealer_id", "product_id", "company_id"}
        if synced:
            self._sync_pricelist_item(synced)
        tracked = [f for f in TRACKED_FIELDS if f in fnames]
        if tracked:
            changed = self.filtered(lambda r: r.id in old and any(old[r.id][f] != r[f] for f in tracked))
            changed._log_history("write", old)

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

    def _sync_pricelist_item(self, fnames=None):
        """Write each price into its item of the dealer's price list.

        fnames: the fields of the prices that changed (None: any). When only values the item copies
        changed (ITEM_FIELDS) and every active price has its item, only those are written on the items.
        """
        Item = self.env["product.pricelist.item"].sudo().with_context(dealer_pricing_sync=True)
        prices_sudo = self.sudo()
        if (
            fnames is not None
            and set(fnames) <= set(ITEM_FIELDS)
            and all(price.pricelist_item_id or not price.active for price in prices_sudo)
        ):
            item_fnames = [name for fname in fnames for name in ITEM_FIELDS[fname]]
            for price in prices_sudo.filtered("active"):
                vals = price._prepare_pricelist_item_vals(price.pricelist_item_id.pricelist_id)
                price.pricelist_item_id.with_context(dealer_pricing_sync=True).write(
                    {name: vals[name] for name in item_fnames}
                )
            return
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
        History.create([record._prepare_history_vals(change, old.get(record.id, {})) for record in self])

    def _prepare_history_vals(self, change, before):
        """The history entry of one change (create, write, unlink) of this price; before: the tracked
        values before a write."""
        self.ensure_one()
        return {
            "dealer_price_id": self.id if change != "unlink" else False,
            "dealer_id": self.dealer_id.id,
            "product_id": self.product_id.id,
            "company_id": self.company_id.id,
            "change_type": change,
            "user_id": self.env.user.id,
            "old_price": self.price if change == "unlink" else before.get("price", 0.0),
            "new_price": 0.0 if change == "unlink" else self.price,
            "min_quantity": self.min_quantity,
            "old_date_start": before.get("date_start", False),
            "old_date_end": before.get("date_end", False),
            "date_start": self.date_start,
            "date_end": self.date_end,
        }

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
    # ROWS (the spreadsheet import and the API's bulk upsert)
    # ------------------------------------------------------------

    @api.model
    def _dealer_parse_date(self, value):
        if value in (None, "", False):
            return False
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return fields.Date.to_date(str(value).strip()[:10])

    @api.model
    def _dealer_parse_number(self, value):
        if value in (None, ""):
            return None
        try:
            return float(str(value).strip().replace(",", "")) if isinstance(value, str) else float(value)
        except OverflowError as e:
            raise ValueError(value) from e

    @api.model
    def _dealer_parse_price(self, value):
        """(price, error): a price is a positive, finite number within the platform's bound on amounts."""
        try:
            price = parse_quantity(self._dealer_parse_number(value))
        except ValueError:
            price = None
        if price is None:
            return None, _("the price is not a number")
        if price <= 0:
            return None, _("the price must be positive")
        if price > MAX_AMOUNT:
            return None, _(
                "the price %(price)s is above the maximum of %(max)s",
                price=format_number(price),
                max=format_number(MAX_AMOUNT),
            )
        return price, None

    @api.model
    def _dealer_parse_min_quantity(self, value, maximum=None):
        """(minimum quantity, error): empty is 0; else a finite number from 0 to the maximum per line."""
        try:
            number = self._dealer_parse_number(value)
        except ValueError:
            number = float("nan")
        if number is None:
            return 0.0, None
        qty = parse_quantity(number)
        if qty is None:
            return 0.0, _("the minimum quantity is not a number")
        if qty < 0:
            return 0.0, _("the minimum quantity cannot be negative")
        maximum = max_line_qty(self.env) if maximum is None else maximum
        if qty > maximum:
            return 0.0, _(
                "the minimum quantity %(qty)s is above the maximum of %(max)s per line",
                qty=format_number(qty),
                max=format_number(maximum),
            )
        return qty, None

    @api.model
    def _dealer_check_rows(self, rows):
        """Check rows of prices to upsert, all at once; the one validation path of the spreadsheet
        import and of the API's bulk upsert.

        rows: [{"row": number, "dealer_code": str, "sku": str, "price", "min_quantity", "date_start",
        "date_end"}] with the values as given (numbers or text, dates or text). Returns one dict per
        row: the parsed values (dealer_id, product_id, price, min_quantity, date_start, date_end), its
        ``error`` (text or False) and its ``action``: create, update (``price_id``, ``old_price``),
        unchanged or error. A row updates the price of the same dealer, product, minimum quantity and
        validity; it may not overlap another price of the same dealer, product and minimum quantity,
        nor another row. Dealers and SKUs are looked up in the environment's rights (a salesperson
        names its own dealers only). Queries: three, whatever the number of rows.
        """
        codes = {row["dealer_code"] for row in rows}
        skus = {row["sku"] for row in rows}
        dealers = {
            d.dealer_code: d
            for d in self.env["res.partner"].search([("is_dealer", "=", True), ("dealer_code", "in", list(codes))])
        }
        products = {p.default_code: p for p in self.env["product.product"].search([("default_code", "in", list(skus))])}
        maximum_qty = max_line_qty(self.env)
        vals_list = []
        for row in rows:
            errors = []
            code, sku = row["dealer_code"], row["sku"]
            dealer, product = dealers.get(code), products.get(sku)
            if not dealer:
                errors.append(_("unknown dealer code %s", code or "''"))
            if not product:
                errors.append(_("unknown SKU %s", sku or "''"))
            price, error = self._dealer_parse_price(row.get("price"))
            if error:
                errors.append(error)
            min_qty, error = self._dealer_parse_min_quantity(row.get("min_quantity"), maximum_qty)
            if error:
                errors.append(error)
            try:
                date_start = self._dealer_parse_date(row.get("date_start"))
                date_end = self._dealer_parse_date(row.get("date_end"))
                if date_start and date_end and date_start > date_end:
                    errors.append(_("the validity ends before it starts"))
            except ValueError:
                date_start = date_end = False
                errors.append(_("a date is not a date (use YYYY-MM-DD)"))
            vals_list.append(
                {
                    "row": row["row"],
                    "dealer_id": dealer.id if dealer else False,
                    "product_id": product.id if product else False,
                    "dealer_code": code,
                    "sku": sku,
                    "price": price or 0.0,
                    "min_quantity": min_qty,
                    "date_start": date_start,
                    "date_end": date_end,
                    "error": "; ".join(errors) or False,
                }
            )
        return self._dealer_match_rows(vals_list)

    @api.model
    def _dealer_match_rows(self, vals_list):
        """Set the action (create / update / unchanged) of each checked row and find overlaps."""
        valid = [v for v in vals_list if not v["error"]]
        existing = self.search(
            [
                ("dealer_id", "in", list({v["dealer_id"] for v in valid})),
                ("product_id", "in", list({v["product_id"] for v in valid})),
                ("company_id", "=", self.env.company.id),
            ]
        )
        by_key = {}
        for price in existing:
            by_key.setdefault((price.dealer_id.id, price.product_id.id, round(price.min_quantity, 6)), []).append(price)
        digits = self.env["decimal.precision"].precision_get("Product Price")
        seen = {}
        for vals in valid:
            key = (vals["dealer_id"], vals["product_id"], round(vals["min_quantity"], 6))
            window = (vals["date_start"], vals["date_end"])
            same = [p for p in by_key.get(key, []) if (p.date_start, p.date_end) == window]
            others = [p for p in by_key.get(key, []) if p not in same and p._overlaps(*window)]
            clash = [n for n, w in seen.get(key, []) if _windows_overlap(w, window)]
            if others:
                vals["error"] = _("overlaps an existing price for the same dealer, SKU and minimum quantity")
                continue
            if clash:
                vals["error"] = _("overlaps row %s for the same dealer, SKU and minimum quantity", clash[0])
                continue
            seen.setdefault(key, []).append((vals["row"], window))
            if same:
                vals["price_id"] = same[0].id
                vals["old_price"] = same[0].price
                unchanged = float_compare(same[0].price, vals["price"], precision_digits=digits) == 0
                vals["action"] = "unchanged" if unchanged else "update"
            else:
                vals["action"] = "create"
        for vals in vals_list:
            if vals["error"]:
                vals["action"] = "error"
        return vals_list

    @api.model
    def _dealer_apply_rows(self, vals_list):
        """Apply checked rows (see _dealer_check_rows) without error: create the new prices, update the
        changed ones; all or nothing (a ValidationError leaves nothing written). Each change is recorded
        in the price history. Returns {"create": new prices, "update": updated prices, "unchanged": count}.
        Queries do not grow with the rows (they grow with the dealers: each dealer's price list is synced).
        """
        if any(vals.get("error") for vals in vals_list):
            raise ValidationError(_("Rows with errors cannot be applied."))
        to_create = [vals for vals in vals_list if vals["action"] == "create"]
        to_update = [vals for vals in vals_list if vals["action"] == "update"]
        with self.env.cr.savepoint():
            created = self.create([self._prepare_row_vals(vals) for vals in to_create])
            updated = self.browse([vals["price_id"] for vals in to_update])
            updated._dealer_write_each([{"price": vals["price"]} for vals in to_update])
            self.env.flush_all()
        return {"create": created, "update": updated, "unchanged": len(vals_list) - len(to_create) - len(to_update)}

    @api.model
    def _prepare_row_vals(self, vals):
        """The values of a new dealer price from a checked row."""
        return {
            "dealer_id": vals["dealer_id"],
            "product_id": vals["product_id"],
            "price": vals["price"],
            "min_quantity": vals["min_quantity"],
            "date_start": vals["date_start"],
            "date_end": vals["date_end"],
        }

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


class _WriteBatch:
    """What write() leaves to _dealer_write_each to do once for all the prices it writes (price list
    items, history). Only code can put one in the context: a client's context holds JSON values."""

    def __init__(self):
        self.ids, self.fnames, self.old = [], set(), {}

    def add(self, prices, vals, old):
        self.ids.extend(prices.ids)
        self.fnames.update(vals)
        self.old.update(old)


def _windows_overlap(a, b):
    """Whether two validity windows (start, end; False = open) meet."""
    return (not a[0] or not b[1] or a[0] <= b[1]) and (not a[1] or not b[0] or a[1] >= b[0])
