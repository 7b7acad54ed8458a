from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..tools.channel_math import last_closed_period

DEFAULT_LOOKBACK_WEEKS = 26
DEFAULT_FORECAST_WEEKS = 8
DEFAULT_EXPIRY_DAYS = 60


class DealerChannelStock(models.Model):
    """Stock held by one dealer for one product, reported or estimated, with its cover and suggested order.

    Rebuilt set-based in SQL (``_refresh``) from the stock reports, the deliveries
    to the dealers and their open orders: by the daily job, after every report
    and on demand. The channel view groups it; the portal reads the dealer's rows.
    """

    _name = "dealer.channel.stock"
    _description = "Channel Stock"
    _order = "dealer_id, product_id"
    _rec_name = "product_id"

    dealer_id = fields.Many2one("res.partner", readonly=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", readonly=True, index=True, ondelete="cascade")
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True, index=True)
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    region_id = fields.Many2one("dealer.region", readonly=True, index=True)
    level_id = fields.Many2one("dealer.level", readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True, index=True)
    team_id = fields.Many2one("crm.team", string="Dealer Sales Team", readonly=True, index=True)
    last_period_end = fields.Date(string="Last Report", readonly=True, help="End of the dealer's last reported period.")
    reported_qty = fields.Float(string="Reported Stock", digits="Product Unit of Measure", readonly=True)
    shipped_qty = fields.Float(
        string="Delivered Since",
        digits="Product Unit of Measure",
        readonly=True,
        help="Delivered to the dealer (less its returns) since its last report.",
    )
    estimated_sold_qty = fields.Float(
        string="Estimated Sell-out Since",
        digits="Product Unit of Measure",
        readonly=True,
        help="The dealer's average weekly sell-out over the days since its last report, for a late dealer.",
    )
    channel_qty = fields.Float(string="Channel Stock", digits="Product Unit of Measure", readonly=True)
    is_estimated = fields.Boolean(
        string="Estimated",
        readonly=True,
        index=True,
        help="The dealer has not reported its last period: its stock is its last report plus the deliveries "
        "since, less its average sell-out.",
    )
    weekly_sellout = fields.Float(
        string="Weekly Sell-out",
        digits="Product Unit of Measure",
        readonly=True,
        help="Forecast: the dealer's average.",
    )
    cover_weeks = fields.Float(string="Weeks of Cover", digits=(16, 1), readonly=True)
    target_weeks = fields.Float(digits=(16, 1), readonly=True)
    min_weeks = fields.Float(string="Alert Below Weeks", digits=(16, 1), readonly=True)
    max_weeks = fields.Float(string="Overstocked Above Weeks", digits=(16, 1), readonly=True)
    open_qty = fields.Float(
        string="Open Orders", digits="Product Unit of Measure", readonly=True, help="Confirmed, not yet delivered."
    )
    need_qty = fields.Float(string="Need", digits="Product Unit of Measure", readonly=True)
    min_qty = fields.Float(string="Minimum Quantity", digits="Product Unit of Measure", readonly=True)
    pack_qty = fields.Float(string="Pack Size", digits="Product Unit of Measure", readonly=True)
    suggested_qty = fields.Float(string="Suggested Order", digits="Product Unit of Measure", readonly=True)
    near_expiry_qty = fields.Float(
        string="Near-expiry Lots",
        digits="Product Unit of Measure",
        readonly=True,
        help="Delivered to the dealer since its last report from lots that expire soon (lot-tracked products "
        "with expiration dates).",
    )
    status = fields.Selection(
        [
            ("at_risk", "At Risk of Stock-out"),
            ("overstock", "Overstocked"),
            ("slow", "Slow Mover"),
            ("ok", "OK"),
            ("unreported", "No Recent Report"),
        ],
        readonly=True,
        index=True,
    )
    computed_on = fields.Date(readonly=True)
    reasoning = fields.Char(compute="_compute_reasoning")

    def init(self):
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS dealer_channel_stock_dealer_product_uniq
                ON dealer_channel_stock (dealer_id, product_id)
            """
        )

    # ------------------------------------------------------------
    # REASONING
    # ------------------------------------------------------------

    @api.depends_context("lang")
    def _compute_reasoning(self):
        for row in self:
            row.reasoning = row._get_reasoning()

    def _get_reasoning(self):
        """How the suggested quantity was reached, in the user's words."""
        self.ensure_one()
        stock = (
            _("estimated stock %s", self._fmt(self.channel_qty))
            if self.is_estimated
            else _("reported stock %s", self._fmt(self.channel_qty))
        )
        if self.status == "unreported":
            return _("No report in the recent weeks: no sell-out to forecast from (%s).", stock)
        if self.weekly_sellout <= 0:
            return _("No sell-out in the recent reports: nothing to suggest (%s).", stock)
        text = _(
            "%(weeks)s weeks target x %(weekly)s sold per week = %(target)s; minus %(stock)s and %(open)s on "
            "open orders = %(need)s",
            weeks=self._fmt(self.target_weeks),
            weekly=self._fmt(self.weekly_sellout),
            target=self._fmt(self.target_weeks * self.weekly_sellout),
            stock=stock,
            open=self._fmt(self.open_qty),
            need=self._fmt(self.need_qty),
        )
        if self.suggested_qty <= 0:
            return _("%s: enough stock, nothing to order.", text)
        rounding = []
        if self.min_qty > 1:
            rounding.append(_("minimum %s", self._fmt(self.min_qty)))
        if self.pack_qty > 1:
            rounding.append(_("packs of %s", self._fmt(self.pack_qty)))
        if rounding:
            return _(
                "%(text)s; rounded up (%(rounding)s) to %(qty)s.",
                text=text,
                rounding=", ".join(rounding),
                qty=self._fmt(self.suggested_qty),
            )
        return _("%(text)s; rounded up to %(qty)s.", text=text, qty=self._fmt(self.suggested_qty))

    @staticmethod
    def _fmt(value):
        return f"{value:,.2f}".rstrip("0").rstrip(".")

    # ------------------------------------------------------------
    # SET-BASED REFRESH
    # ------------------------------------------------------------

    @api.model
    def _get_config_int(self, key, default):
        try:
            return int(self.env["ir.config_parameter"].sudo().get_param(f"dealer_channel_inventory.{key}", default))
        except (TypeError, ValueError):
            return default

    @api.model
    def _get_rounding_sql(self):
        """(minimum quantity, pack size) SQL expressions on product_template ``pt``.

        Hook: none by default; the module that gives products a dealer minimum and pack size (the
        ordering portal, through its bridge) returns its columns, so that a suggestion can be added
        to the cart as it is.
        """
        return SQL("0"), SQL("0")

    @api.model
    def _dealer_day_sql(self, source, qty, conditions, dealer_ids=None):
        """Quantities of done moves or move lines ``source`` (aliased ``m``) per dealer, product and day.

        The dealer is the commercial partner of the picking; ``qty`` sums the rows meeting ``conditions``.
        """
        if dealer_ids is not None:
            conditions = [*conditions, SQL("rp.commercial_partner_id = ANY(%s)", list(dealer_ids))]
        return SQL(
            """
            SELECT rp.commercial_partner_id AS dealer_id, m.product_id, m.date::date AS day, SUM(%(qty)s) AS qty
              FROM %(source)s
              JOIN stock_location dest ON dest.id = m.location_dest_id
              JOIN stock_picking pk ON pk.id = m.picking_id
              JOIN res_partner rp ON rp.id = pk.partner_id
             WHERE %(conditions)s
          GROUP BY 1, 2, 3
            """,
            qty=qty,
            source=source,
            conditions=SQL(" AND ").join(conditions),
        )

    @api.model
    def _shipments_sql(self, dealer_ids=None, date_from=None, date_to=None, product_ids=None):
        """Deliveries to dealers less their returns, per dealer, product and day (done moves)."""
        conditions = [SQL("m.state = 'done'"), SQL("(dest.usage = 'customer') <> (src.usage = 'customer')")]
        if product_ids is not None:
            conditions.append(SQL("m.product_id = ANY(%s)", list(product_ids)))
        if date_from:
            conditions.append(SQL("m.date >= %s", date_from))
        if date_to:
            conditions.append(SQL("m.date < %s", date_to + timedelta(days=1)))
        return self._dealer_day_sql(
            SQL("stock_move m JOIN stock_location src ON src.id = m.location_id"),
            SQL("CASE WHEN dest.usage = 'customer' THEN m.product_qty ELSE -m.product_qty END"),
            conditions,
            dealer_ids,
        )

    @api.model
    def _expiring_sql(self, dealer_ids, date_from, expiry_limit):
        """Quantities delivered to dealers per dealer, product and day from lots expiring before the limit.

        Lots carry their expiration date from product_expiry; lots without one never count.
        """
        conditions = [
            SQL("m.state = 'done'"),
            SQL("dest.usage = 'customer'"),
            SQL("m.date >= %s", date_from),
            SQL("lot.expiration_date < %s", expiry_limit),
        ]
        return self._dealer_day_sql(
            SQL("stock_move_line m JOIN stock_lot lot ON lot.id = m.lot_id"),
            SQL("m.quantity"),
            conditions,
            dealer_ids,
        )

    @api.model
    def _refresh(self, dealers=None, today=None):
        """Rebuild the channel stock of ``dealers`` (default: every active dealer) in one statement.

        Per dealer and product: the latest report within the look-back window, the
        average weekly sell-out over the forecast window (the dealer's own reports),
        the deliveries since the last report, the open orders; then the estimate for
        a late dealer, the weeks of cover, the status and the suggested order.
        """
        today = today or fields.Date.context_today(self)
        lookback_from = today - timedelta(weeks=self._get_config_int("channel_lookback_weeks", DEFAULT_LOOKBACK_WEEKS))
        forecast_from = today - timedelta(weeks=self._get_config_int("channel_forecast_weeks", DEFAULT_FORECAST_WEEKS))
        expiry_limit = today + timedelta(days=self._get_config_int("channel_expiry_days", DEFAULT_EXPIRY_DAYS))
        week_reference = last_closed_period("week", today)[1]
        month_reference = last_closed_period("month", today)[1]
        dealer_ids = dealers.commercial_partner_id.ids if dealers is not None else None
        self.env.flush_all()
        dealer_filter = SQL("AND p.id = ANY(%s)", dealer_ids) if dealer_ids is not None else SQL()
        min_sql, pack_sql = self._get_rounding_sql()
        cr = self.env.cr
        if dealer_ids is None:
            cr.execute("DELETE FROM dealer_channel_stock")
        else:
            cr.execute(SQL("DELETE FROM dealer_channel_stock WHERE dealer_id = ANY(%s)", dealer_ids))
        cr.execute(
            SQL(
                """
                WITH dealers AS (
                    SELECT p.id, p.dealer_region_id, p.dealer_level_id, p.user_id, p.dealer_team_id,
                           COALESCE(p.company_id, %(company)s) AS company_id,
                           CASE WHEN p.channel_report_period = 'month' THEN %(month_ref)s::date
                                ELSE %(week_ref)s::date END AS reference_end,
                           COALESCE(lvl.channel_target_weeks, 4) AS target_weeks,
                           COALESCE(lvl.channel_min_weeks, 2) AS min_weeks,
                           COALESCE(lvl.channel_max_weeks, 12) AS max_weeks
                      FROM res_partner p
                 LEFT JOIN dealer_level lvl ON lvl.id = p.dealer_level_id
                     WHERE p.is_dealer AND p.active AND p.dealer_state = 'active' %(dealer_filter)s
                ),
                recent AS (
                    SELECT line.dealer_id, line.product_id,
                           MAX(line.period_end) AS last_end,
                           (MAX(ARRAY[(line.period_end - DATE '2000-01-01')::numeric, line.onhand_qty::numeric]))[2]
                               AS last_onhand,
                           SUM(line.sold_qty) FILTER (WHERE line.period_end >= %(forecast_from)s) AS sold,
                           SUM(line.period_end - line.period_start + 1)
                               FILTER (WHERE line.period_end >= %(forecast_from)s) AS sold_days
                      FROM dealer_stock_report_line line
                      JOIN dealers d ON d.id = line.dealer_id
                     WHERE line.period_end >= %(lookback_from)s
                  GROUP BY line.dealer_id, line.product_id
                ),
                moves AS (
                    SELECT mv.* FROM (%(moves)s) mv JOIN dealers d ON d.id = mv.dealer_id
                ),
                expiring AS (
                    SELECT ex.* FROM (%(expiring)s) ex JOIN dealers d ON d.id = ex.dealer_id
                ),
                pairs AS (
                    SELECT dealer_id, product_id FROM recent
                     UNION
                    SELECT dealer_id, product_id FROM moves
                ),
                shipped AS (
                    SELECT mv.dealer_id, mv.product_id, SUM(mv.qty) AS qty
                      FROM moves mv
                 LEFT JOIN recent ON recent.dealer_id = mv.dealer_id AND recent.product_id = mv.product_id
                     WHERE mv.day > COALESCE(recent.last_end, %(lookback_from)s::date - 1)
                  GROUP BY 1, 2
                ),
                expired AS (
                    SELECT ex.dealer_id, ex.product_id, SUM(ex.qty) AS qty
                      FROM expiring ex
                 LEFT JOIN recent ON recent.dealer_id = ex.dealer_id AND recent.product_id = ex.product_id
                     WHERE ex.day > COALESCE(recent.last_end, %(lookback_from)s::date - 1)
                  GROUP BY 1, 2
                ),
                base AS (
                    SELECT pairs.dealer_id, pairs.product_id, d.company_id, d.dealer_region_id, d.dealer_level_id,
                           d.user_id,
                           d.dealer_team_id, d.reference_end, d.target_weeks, d.min_weeks, d.max_weeks,
                           recent.last_end, COALESCE(recent.last_onhand, 0) AS reported,
                           CASE WHEN recent.sold_days > 0 THEN recent.sold * 7.0 / recent.sold_days ELSE 0 END
                               AS weekly,
                           COALESCE(shipped.qty, 0) AS shipped,
                           COALESCE(expired.qty, 0) AS expiring,
                           (recent.last_end IS NULL OR recent.last_end < d.reference_end) AS is_estimated,
                           COALESCE(recent.sold_days > 0, FALSE) AS has_sellout
                      FROM pairs
                      JOIN dealers d ON d.id = pairs.dealer_id
                 LEFT JOIN recent ON recent.dealer_id = pairs.dealer_id AND recent.product_id = pairs.product_id
                 LEFT JOIN shipped ON shipped.dealer_id = pairs.dealer_id AND shipped.product_id = pairs.product_id
                 LEFT JOIN expired ON expired.dealer_id = pairs.dealer_id AND expired.product_id = pairs.product_id
                ),
                open_orders AS (
                    SELECT sp.commercial_partner_id AS dealer_id, sol.product_id,
                           SUM(GREATEST(sol.product_uom_qty - sol.qty_delivered, 0)) AS qty
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN res_partner sp ON sp.id = so.partner_id
                      JOIN dealers d ON d.id = sp.commercial_partner_id
                     WHERE so.state = 'sale' AND sol.display_type IS NULL AND sol.product_id IS NOT NULL
                  GROUP BY 1, 2
                ),
                stock AS (
                    SELECT base.*,
                           CASE WHEN base.is_estimated AND base.last_end IS NOT NULL
                                THEN base.weekly * (%(today)s::date - base.last_end) / 7.0 ELSE 0 END AS est_sold,
                           COALESCE(oo.qty, 0) AS open_qty
                      FROM base
                 LEFT JOIN open_orders oo ON oo.dealer_id = base.dealer_id AND oo.product_id = base.product_id
                ),
                computed AS (
                    SELECT stock.*,
                           GREATEST(stock.reported + stock.shipped - stock.est_sold, 0) AS channel,
                           stock.target_weeks * stock.weekly
                               - GREATEST(stock.reported + stock.shipped - stock.est_sold, 0) - stock.open_qty AS need,
                           %(min_sql)s AS min_qty, %(pack_sql)s AS pack_qty, pt.categ_id
                      FROM stock
                      JOIN product_product pp ON pp.id = stock.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                ),
                rounded AS (
                    SELECT computed.*,
                           CASE WHEN computed.need > 1e-9
                                THEN GREATEST(CEIL(ROUND(computed.need::numeric, 6)), computed.min_qty)
                                ELSE 0 END AS qty
                      FROM computed
                )
                INSERT INTO dealer_channel_stock (
                    dealer_id, product_id, categ_id, company_id, region_id, level_id, user_id, team_id,
                    last_period_end, reported_qty, shipped_qty, estimated_sold_qty, channel_qty, is_estimated,
                    weekly_sellout, cover_weeks, target_weeks, min_weeks, max_weeks, open_qty, need_qty, min_qty,
                    pack_qty, suggested_qty, near_expiry_qty, status, computed_on,
                    create_uid, create_date, write_uid, write_date)
                SELECT dealer_id, product_id, categ_id, company_id, dealer_region_id, dealer_level_id, user_id,
                       dealer_team_id, last_end, reported, shipped, est_sold, channel, is_estimated, weekly,
                       CASE WHEN weekly > 0 THEN channel / weekly END, target_weeks, min_weeks, max_weeks, open_qty,
                       need, min_qty, pack_qty,
                       CASE WHEN qty > 0 AND pack_qty > 1 THEN CEIL(ROUND(qty / pack_qty, 6)) * pack_qty ELSE qty END,
                       expiring,
                       CASE WHEN NOT has_sellout THEN 'unreported'
                            WHEN weekly <= 0 AND channel > 0 THEN 'slow'
                            WHEN weekly > 0 AND channel / weekly < min_weeks THEN 'at_risk'
                            WHEN weekly > 0 AND channel / weekly > max_weeks THEN 'overstock'
                            ELSE 'ok' END,
                       %(today)s, %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM rounded
                """,
                dealer_filter=dealer_filter,
                week_ref=week_reference,
                month_ref=month_reference,
                forecast_from=forecast_from,
                lookback_from=lookback_from,
                moves=self._shipments_sql(date_from=lookback_from),
                expiring=self._expiring_sql(None, lookback_from, expiry_limit),
                min_sql=min_sql,
                pack_sql=pack_sql,
                today=today,
                company=self.env.company.id,
                uid=self.env.uid,
            )
        )
        count = cr.rowcount
        self.invalidate_model()
        return count

    # ------------------------------------------------------------
    # ALERTS AND DAILY JOB
    # ------------------------------------------------------------

    @api.model
    def _cron_refresh(self):
        """Daily: rebuild the channel stock, alert the salespeople, remind the dealers late with a report."""
        self._refresh()
        self.env["dealer.cover.alert"]._generate()
        self.env["dealer.report.compliance"]._remind_late_dealers()

    @api.model
    def action_refresh(self):
        """Rebuild the channel stock now (managers)."""
        if not (
            self.env.user.has_group("dealer_base.group_dealer_manager")
            or self.env.user.has_group("stock.group_stock_manager")
        ):
            raise AccessError(_("Only dealer or inventory managers refresh the channel stock."))
        self.sudo()._refresh()
        self.env["dealer.cover.alert"].sudo()._generate()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    # ------------------------------------------------------------
    # CHANNEL VIEW
    # ------------------------------------------------------------

    @api.model
    def _get_channel_overview(self, domain=None, limit=10):
        """Figures of the channel view within ``domain`` (the user's record rules apply), in grouped reads:
        totals, stock and cover per region, per status, and the dealers most at risk or overstocked."""
        domain = list(domain or [])
        # One scan for every total: per region and status, with the estimated and near-expiry sums filtered.
        query = self._search(domain)
        query.order = None
        query.groupby = SQL("1, 2")
        table = SQL.identifier(query.table)
        rows = self.env.execute_query(
            query.select(
                SQL("%s.region_id", table),
                SQL("%s.status", table),
                SQL("COUNT(*)"),
                SQL("COALESCE(SUM(%s.channel_qty), 0)", table),
                SQL("COALESCE(SUM(%s.weekly_sellout), 0)", table),
                SQL("COALESCE(SUM(%s.channel_qty) FILTER (WHERE %s.is_estimated), 0)", table, table),
                SQL("COALESCE(SUM(%s.near_expiry_qty) FILTER (WHERE %s.near_expiry_qty > 0), 0)", table, table),
            )
        )
        regions = {}
        by_status = {}
        estimated = expiring = 0.0
        for region_id, status, count, qty, weekly_qty, estimated_qty, expiring_qty in rows:
            region = regions.setdefault(region_id, [0.0, 0.0, 0])
            region[0] += qty
            region[1] += weekly_qty
            region[2] += count
            status_count, status_qty = by_status.get(status, (0, 0.0))
            by_status[status] = (status_count + count, status_qty + qty)
            estimated += estimated_qty
            expiring += expiring_qty
        Region = self.env["dealer.region"]
        by_region = sorted(
            ((Region.browse(region_id), *values) for region_id, values in regions.items()),
            key=lambda row: -row[1],
        )

        def dealers(status_domain, aggregate):
            return [
                {"id": dealer.id, "name": dealer.display_name, "count": count, "qty": qty}
                for dealer, count, qty in self._read_group(
                    domain + status_domain,
                    ["dealer_id"],
                    ["__count", aggregate],
                    order="__count desc, dealer_id",
                    limit=limit,
                )
            ]

        channel = sum(qty for _region, qty, _weekly, _count in by_region)
        weekly = sum(weekly for _region, _qty, weekly, _count in by_region)
        return {
            "channel_qty": channel,
            "weekly_sellout": weekly,
            "cover_weeks": channel / weekly if weekly else False,
            "estimated_qty": estimated or 0.0,
            "near_expiry_qty": expiring or 0.0,
            "status": {status: {"count": count, "qty": qty} for status, (count, qty) in by_status.items()},
            "regions": [
                {
                    "region": region,
                    "qty": qty,
                    "weekly": weekly_qty,
                    "cover_weeks": qty / weekly_qty if weekly_qty else False,
                    "count": count,
                }
                for region, qty, weekly_qty, count in by_region
            ],
            "at_risk_dealers": dealers([("status", "=", "at_risk")], "suggested_qty:sum"),
            "overstocked_dealers": dealers([("status", "in", ("overstock", "slow"))], "channel_qty:sum"),
        }
