import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero, float_round

from odoo.addons.dealer_api.models.dealer_api_call import ApiRefusal

MAX_SHIPMENT_LINES = 500
MAX_TRACKING_NUMBERS = 20
MAX_QTY = 1_000_000
MAX_TEXT = 64
# A carrier's tracking number: letters, digits and - _ . / (commas separate them on the picking).
TRACKING_NUMBER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_./-]{0,63}$")
# How far ahead of the server's clock a shipping time may be (clocks of two systems differ).
CLOCK_SKEW = timedelta(minutes=10)


class DealerApiCall(models.Model):
    """The brand's systems push the shipments of dealers' orders (integration keys, scope shipments:write)."""

    _inherit = "dealer.api.call"

    @api.model
    def _dealer_api_shipments_create(self, request):
        """Validate the outgoing deliveries of a dealer's order as shipped, with carrier and tracking numbers.

        All or nothing: a refused line leaves every delivery as it was. The order is named by its
        reference; the dealer is the order's. Orders of customers who are no dealer answer 404, as
        unknown ones do.
        """
        shipment, errors = self._dealer_api_shipment_parse(request["payload"])
        if not shipment["order"]:
            return 422, self._dealer_api_shipment_refusal(errors)
        order = self._dealer_api_shipment_order(shipment["order"])
        if not order:
            return 404, self._error("not_found", _("No order of a dealer has the reference %s.", shipment["order"]))
        # The call log names the dealer the shipment is for, as it does for the calls of dealer keys.
        request["log"]["dealer_id"] = order.partner_id.commercial_partner_id.id
        try:
            with self.env.cr.savepoint():
                shipped = self._dealer_api_ship(order, shipment, errors)
        except ApiRefusal as refusal:
            return refusal.status, refusal.answer
        return 200, self._dealer_api_shipment_answer(order, shipped)

    # ------------------------------------------------------------
    # INPUT
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_text(self, value, max_length=MAX_TEXT):
        """The stripped text of value, or None when it is no text of 1 to max_length characters."""
        if not isinstance(value, str):
            return None
        value = value.strip()
        return value if 0 < len(value) <= max_length and value.isprintable() else None

    @api.model
    def _dealer_api_shipment_parse(self, payload):
        """(shipment, errors): the checked body, or the list of what is wrong with it ({"field"|"line", "message"})."""
        errors = []
        shipment = {
            "order": self._dealer_api_text(payload.get("order")),
            "carrier": self._dealer_api_text(payload.get("carrier")),
            "tracking_numbers": [],
            "shipped_at": None,
            "lines": None,
        }
        if not shipment["order"]:
            errors.append({"field": "order", "message": _("Give the order's reference (1 to 64 characters).")})
        if not shipment["carrier"]:
            errors.append({"field": "carrier", "message": _("Give the carrier's name (1 to 64 characters).")})
        numbers = payload.get("tracking_numbers")
        if (
            not isinstance(numbers, list)
            or not 0 < len(numbers) <= MAX_TRACKING_NUMBERS
            or not all(isinstance(n, str) and TRACKING_NUMBER_RE.match(n.strip()) for n in numbers)
        ):
            message = _(
                "Give 1 to %s tracking numbers, each of letters, digits and - _ . / (up to 64 characters).",
                MAX_TRACKING_NUMBERS,
            )
            errors.append({"field": "tracking_numbers", "message": message})
        else:
            shipment["tracking_numbers"] = list(dict.fromkeys(n.strip() for n in numbers))
        if payload.get("shipped_at") is not None:
            shipment["shipped_at"] = self._dealer_api_datetime(payload["shipped_at"])
            if not shipment["shipped_at"]:
                message = _("shipped_at must be a date and time in ISO 8601 (2026-11-20T08:30:00+08:00), not ahead.")
                errors.append({"field": "shipped_at", "message": message})
        if payload.get("lines") is not None:
            shipment["lines"], line_errors = self._dealer_api_shipment_parse_lines(payload["lines"])
            errors += line_errors
        return shipment, errors

    @api.model
    def _dealer_api_datetime(self, value):
        """The UTC naive datetime of an ISO 8601 text (a naive one is UTC), or None; never ahead of now."""
        if not isinstance(value, str) or len(value) > 40:
            return None
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        if moment.tzinfo:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        if moment.year < 2000 or moment > fields.Datetime.now() + CLOCK_SKEW:
            return None
        return moment

    @api.model
    def _dealer_api_shipment_parse_lines(self, lines):
        """([{"line", "sku", "qty", "lot"}], errors) of the lines of a partial shipment."""
        if not isinstance(lines, list) or not 0 < len(lines) <= MAX_SHIPMENT_LINES:
            message = _("lines must list 1 to %s lines, or be left out to ship everything.", MAX_SHIPMENT_LINES)
            return [], [{"field": "lines", "message": message}]
        parsed, errors = [], []
        for number, item in enumerate(lines, start=1):
            line = item if isinstance(item, dict) else {}
            sku = self._dealer_api_text(line.get("sku"))
            qty = line.get("qty")
            lot = line.get("lot")
            if not sku:
                errors.append({"line": number, "message": _("Give the product's SKU (1 to 64 characters).")})
                continue
            if isinstance(qty, bool) or not isinstance(qty, int | float) or not 0 < qty <= MAX_QTY:
                errors.append(
                    {"line": number, "sku": sku, "message": _("The quantity must be above 0 and at most %s.", MAX_QTY)}
                )
                continue
            if lot is not None and not self._dealer_api_text(lot):
                errors.append({"line": number, "sku": sku, "message": _("A lot is 1 to 64 characters.")})
                continue
            parsed.append({"line": number, "sku": sku, "qty": float(qty), "lot": lot and lot.strip()})
        return parsed, errors

    @api.model
    def _dealer_api_shipment_refusal(self, errors):
        return self._error(
            "invalid_shipment",
            _("Nothing was shipped: correct these lines and send the shipment again."),
            errors=errors,
        )

    @api.model
    def _dealer_api_shipment_order(self, reference):
        """The confirmed order of a dealer with this reference, or nothing."""
        return self.env["sale.order"].search(
            [
                ("name", "=", reference),
                ("state", "=", "sale"),
                ("partner_id.commercial_partner_id.is_dealer", "=", True),
            ],
            limit=1,
        )

    # ------------------------------------------------------------
    # SHIPPING
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_sku(self, product):
        return product.default_code or product.barcode or None

    @api.model
    def _dealer_api_ship(self, order, shipment, errors=()):
        """The deliveries validated for the shipment; raises ApiRefusal (the caller rolls back).

        errors: those found in the body already, listed with those of the lines against the order.
        """
        moves = order.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state not in ("draft", "done", "cancel")
        ).move_ids.filtered(lambda m: m.state not in ("draft", "done", "cancel") and m.product_uom_qty > 0)
        moves = moves.sorted(lambda m: (m.picking_id.id, m.id))
        if not moves:
            raise ApiRefusal(422, self._error("nothing_to_ship", _("Order %s has nothing left to ship.", order.name)))
        if shipment["lines"] is None:
            plan, plan_errors = self._dealer_api_plan_everything(moves)
        else:
            plan, plan_errors = self._dealer_api_plan_lines(moves, shipment["lines"])
        errors = sorted([*errors, *plan_errors], key=lambda error: (error.get("line") or 0, bool(error.get("line"))))
        if errors:
            raise ApiRefusal(422, self._dealer_api_shipment_refusal(errors))
        pickings = self.env["stock.picking"].browse(sorted({move.picking_id.id for move in plan}))
        pickings.write(
            {"dealer_carrier": shipment["carrier"], "dealer_tracking_ref": ", ".join(shipment["tracking_numbers"])}
        )
        for move, lots in plan.items():
            self._dealer_api_set_move_quantity(move, lots)
        try:
            result = pickings.with_context(skip_backorder=True, skip_sms=True).button_validate()
        except (UserError, ValidationError) as error:
            raise ApiRefusal(422, self._error("not_shippable", str(error))) from error
        if isinstance(result, dict) or any(picking.state != "done" for picking in pickings):
            # Odoo asks a person something first (expired lots, a quality check...): not for a machine.
            message = _(
                "Odoo needs a warehouse user to validate these deliveries: %s.", ", ".join(pickings.mapped("name"))
            )
            raise ApiRefusal(422, self._error("not_shippable", message))
        if shipment["shipped_at"]:
            pickings.write({"date_done": shipment["shipped_at"]})
        return pickings

    @api.model
    def _dealer_api_plan_everything(self, moves):
        """({move: None|[(lot, qty)]}, errors) shipping every move whole; tracked products must be reserved by lot."""
        plan, errors = {}, []
        for move in moves:
            if move.has_tracking == "none":
                plan[move] = None
                continue
            reserved = sum(ml.quantity_product_uom for ml in move.move_line_ids if ml.lot_id)
            if float_compare(reserved, move.product_qty, precision_rounding=move.product_id.uom_id.rounding) < 0:
                errors.append(
                    {
                        "sku": self._dealer_api_sku(move.product_id),
                        "message": _(
                            "%s is tracked by lot or serial number: give the lines with their lot.",
                            move.product_id.display_name,
                        ),
                    }
                )
            else:
                plan[move] = [(ml.lot_id, ml.quantity_product_uom) for ml in move.move_line_ids if ml.lot_id]
        return plan, errors

    @api.model
    def _dealer_api_plan_lines(self, moves, lines):
        """({move: qty|[(lot, qty)]}, errors) of the lines given, spread over the moves still to ship."""
        moves_by_sku = defaultdict(lambda: self.env["stock.move"])
        for move in moves:
            for sku in {move.product_id.default_code, move.product_id.barcode} - {False, None}:
                moves_by_sku[sku] |= move
        lot_names = {line["lot"] for line in lines if line["lot"]}
        lots = (
            self.env["stock.lot"].search([("name", "in", list(lot_names)), ("product_id", "in", moves.product_id.ids)])
            if lot_names
            else self.env["stock.lot"]
        )
        lot_of = {(lot.product_id.id, lot.name): lot for lot in lots}
        wanted = defaultdict(float)  # (product, lot) -> qty
        errors = []
        for line in lines:
            product, lot, message = self._dealer_api_check_line(line, moves_by_sku, lot_of)
            if not message and product.tracking == "serial" and (product, lot) in wanted:
                message = _("Serial number %s is given twice.", line["lot"])
            if message:
                errors.append({"line": line["line"], "sku": line["sku"], "message": message})
            else:
                wanted[product, lot] += line["qty"]
        if errors:
            return {}, errors
        per_product = defaultdict(float)
        for (product, _lot), qty in wanted.items():
            per_product[product] += qty
        for product, qty in per_product.items():
            left = sum(moves.filtered(lambda m, product=product: m.product_id == product).mapped("product_qty"))
            if float_compare(qty, left, precision_rounding=product.uom_id.rounding) > 0:
                sku = self._dealer_api_sku(product)
                message = _("%(qty)s of %(sku)s is more than the %(left)s left to ship.", qty=qty, sku=sku, left=left)
                errors.append({"sku": sku, "message": message})
        if errors:
            return {}, errors
        return self._dealer_api_spread(moves, wanted), []

    @api.model
    def _dealer_api_check_line(self, line, moves_by_sku, lot_of):
        """(product, lot, error message or None) of a line of a shipment."""
        Lot = self.env["stock.lot"]
        product_moves = moves_by_sku.get(line["sku"])
        if not product_moves:
            return None, Lot, _("%s is not on this order, or is already shipped.", line["sku"])
        product = product_moves.product_id[:1]
        lot = lot_of.get((product.id, line["lot"]), Lot)
        rounding = product.uom_id.rounding
        message = None
        if product.tracking == "none" and line["lot"]:
            message = _("%s is not tracked by lot: leave the lot out.", line["sku"])
        elif product.tracking != "none" and not line["lot"]:
            message = _("%s is tracked by lot or serial number: give its lot.", line["sku"])
        elif product.tracking != "none" and not lot:
            message = _("%(sku)s has no lot %(lot)s.", sku=line["sku"], lot=line["lot"])
        elif product.tracking == "serial" and line["qty"] != 1:
            message = _("%s is tracked by serial number: one line per serial number, quantity 1.", line["sku"])
        elif not float_is_zero(line["qty"] - float_round(line["qty"], precision_rounding=rounding), precision_digits=6):
            message = _(
                "The quantity of %(sku)s is finer than its unit allows (%(rounding)s).",
                sku=line["sku"],
                rounding=rounding,
            )
        return product, lot, message

    @api.model
    def _dealer_api_spread(self, moves, wanted):
        """{move: qty|[(lot, qty)]}: each (product, lot) over its moves in order, one filled before the next."""
        plan = {}
        room = {move: move.product_qty for move in moves}
        for (product, lot), wanted_qty in wanted.items():
            qty = wanted_qty
            for move in moves.filtered(lambda m, product=product: m.product_id == product):
                take = min(qty, room[move])
                if float_is_zero(take, precision_rounding=product.uom_id.rounding):
                    continue
                room[move] -= take
                qty -= take
                if lot:
                    plan.setdefault(move, []).append((lot, take))
                else:
                    plan[move] = (plan.get(move) or 0.0) + take
        return plan

    @api.model
    def _dealer_api_set_move_quantity(self, move, lots):
        """Set what leaves on move, as a warehouse user does it: None = all of it, a quantity (product's
        unit) or [(lot, quantity)]; the move is marked picked."""
        if lots is None:
            move.quantity = move.product_uom_qty
        elif isinstance(lots, float):
            move.quantity = move.product_id.uom_id._compute_quantity(lots, move.product_uom, rounding_method="HALF-UP")
        else:
            keep = move.move_line_ids.filtered(lambda ml: ml.lot_id)
            if [(ml.lot_id, ml.quantity_product_uom) for ml in keep] != lots:
                move.move_line_ids.unlink()
                quants = self.env["stock.quant"].search(
                    [
                        ("lot_id", "in", [lot.id for lot, _qty in lots]),
                        ("location_id", "child_of", move.location_id.id),
                        ("quantity", ">", 0),
                    ],
                    order="quantity desc",
                )
                quant_of = {}
                for quant in quants:
                    quant_of.setdefault(quant.lot_id, quant)
                vals_list = []
                for lot, qty in lots:
                    vals = move._prepare_move_line_vals(quantity=qty)
                    vals.update(lot_id=lot.id)
                    if lot in quant_of:
                        vals.update(location_id=quant_of[lot].location_id.id)
                    vals_list.append(vals)
                self.env["stock.move.line"].create(vals_list)
        move.picked = True

    # ------------------------------------------------------------
    # ANSWER
    # ------------------------------------------------------------

    @api.model
    def _dealer_api_shipment_answer(self, order, pickings):
        backorders = self.env["stock.picking"].search([("backorder_id", "in", pickings.ids)])
        return {
            "status": "ok",
            "order": order.name,
            "dealer": order.partner_id.commercial_partner_id.dealer_code or None,
            "shipments": [
                {
                    "name": picking.name,
                    "state": picking.state,
                    "carrier": picking.dealer_carrier,
                    "tracking_numbers": picking._dealer_tracking_numbers(),
                    "shipped_at": picking.date_done.strftime("%Y-%m-%dT%H:%M:%SZ") if picking.date_done else None,
                    "lines": [
                        {
                            "sku": self._dealer_api_sku(line.product_id),
                            "qty": line.quantity_product_uom,
                            "lot": line.lot_id.name or None,
                        }
                        for line in picking.move_line_ids
                    ],
                }
                for picking in pickings
            ],
            "backorders": [{"name": picking.name, "state": picking.state} for picking in backorders],
        }
