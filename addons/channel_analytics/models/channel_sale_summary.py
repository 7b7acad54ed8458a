from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


def _sync_table(cr, table, fresh, *, columns, nullable_ids, uid):
    """Make ``table`` hold exactly the rows of the temporary table ``fresh``, writing only the rows that differ.

    Rows compare on every column; nullable ids as 0, so that PostgreSQL can hash the comparison.
    """
    same_row = SQL(" AND ").join(
        [SQL("s.%s = f.%s", SQL.identifier(c), SQL.identifier(c)) for c in columns]
        + [SQL("COALESCE(s.%s, 0) = COALESCE(f.%s, 0)", SQL.identifier(c), SQL.identifier(c)) for c in nullable_ids]
    )
    names = SQL(", ").join(SQL.identifier(c) for c in columns + nullable_ids)
    values = SQL(", ").join(SQL("f.%s", SQL.identifier(c)) for c in columns + nullable_ids)
    cr.execute(
        SQL(
            "DELETE FROM %s s WHERE NOT EXISTS (SELECT 1 FROM %s f WHERE %s)",
            SQL.identifier(table),
            SQL.identifier(fresh),
            same_row,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO %s (%s, create_uid, create_date, write_uid, write_date)
            SELECT %s, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
              FROM %s f
             WHERE NOT EXISTS (SELECT 1 FROM %s s WHERE %s)
            """,
            SQL.identifier(table),
            names,
            values,
            uid,
            uid,
            SQL.identifier(fresh),
            SQL.identifier(table),
            same_row,
        )
    )


class ChannelSaleSummary(models.Model):
    """One row per month x dealer x product x company of confirmed sales.

    Rebuilt in bulk SQL so the dashboard never scans the order lines.
    """

    _name = "channel.sale.summary"
    _description = "Channel Sales Summary"
    _order = "month desc, dealer_id, categ_id"
    _rec_name = "dealer_id"

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    month = fields.Date(required=True, index=True, readonly=True, help="First day of the month of the order date.")
    dealer_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    region_id = fields.Many2one("dealer.region", string="Sales Region", index=True, readonly=True)
    level_id = fields.Many2one("dealer.level", string="Dealer Level", index=True, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, readonly=True)
    product_id = fields.Many2one("product.product", index=True, readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Untaxed Amount", readonly=True, help="In the company's currency.")
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    order_count = fields.Integer(
        string="Orders",
        readonly=True,
        help="Each order is counted once, on the row of its first product: the sum over rows is the number of orders.",
    )
    categ_order_count = fields.Integer(
        string="Orders in Category",
        readonly=True,
        help="Each order is counted once per product category, on the row of its first product of that "
        "category: the sum over the rows of one category is the number of orders buying it.",
    )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _refresh(self):
        """Recompute the whole summary from the confirmed orders, and write only the rows that changed.

        The aggregation over every order line is cheap in SQL; writing its rows is not (indexes and
        foreign keys are checked row by row). So the fresh figures go to a temporary table first, the
        rows that no longer match are deleted and only new or changed rows are inserted: a nightly run
        touches the few months that moved, a first run writes everything.
        """
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS channel_sale_summary_fresh")
        cr.execute(
            """
            CREATE TEMPORARY TABLE channel_sale_summary_fresh ON COMMIT DROP AS
            WITH lines AS (
                SELECT so.id AS order_id,
                       date_trunc('month', so.date_order)::date AS month,
                       d.id AS dealer_id,
                       d.dealer_region_id AS region_id,
                       d.dealer_level_id AS level_id,
                       d.user_id AS user_id,
                       COALESCE(l.product_id, 0) AS product_id,
                       pt.categ_id AS categ_id,
                       so.company_id AS company_id,
                       l.price_subtotal
                           / CASE COALESCE(so.currency_rate, 0) WHEN 0 THEN 1.0 ELSE so.currency_rate END AS amount,
                       l.product_uom_qty AS qty
                  FROM sale_order_line l
                  JOIN sale_order so ON so.id = l.order_id
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_partner d ON d.id = p.dealer_id
                  LEFT JOIN product_product pp ON pp.id = l.product_id
                  LEFT JOIN product_template pt ON pt.id = pp.product_tmpl_id
                 WHERE so.state = 'sale'
                   AND l.display_type IS NULL
                   AND l.is_downpayment IS NOT TRUE
            ), firsts AS (
                SELECT order_id, MIN(product_id) AS product_id FROM lines GROUP BY order_id
            ), categ_firsts AS (
                SELECT order_id, categ_id, MIN(product_id) AS product_id FROM lines GROUP BY order_id, categ_id
            )
            SELECT l.month, l.dealer_id, l.region_id, l.level_id, l.user_id, NULLIF(l.product_id, 0) AS product_id,
                   l.categ_id, l.company_id, SUM(l.amount) AS amount, SUM(l.qty) AS qty,
                   COUNT(DISTINCT f.order_id) AS order_count, COUNT(DISTINCT cf.order_id) AS categ_order_count
              FROM lines l
              LEFT JOIN firsts f ON f.order_id = l.order_id AND f.product_id = l.product_id
              LEFT JOIN categ_firsts cf
                ON cf.order_id = l.order_id
               AND cf.categ_id IS NOT DISTINCT FROM l.categ_id
               AND cf.product_id = l.product_id
             GROUP BY l.month, l.dealer_id, l.region_id, l.level_id, l.user_id, l.product_id, l.categ_id,
                      l.company_id
            """
        )
        _sync_table(
            cr,
            "channel_sale_summary",
            "channel_sale_summary_fresh",
            columns=["month", "dealer_id", "company_id", "amount", "qty", "order_count", "categ_order_count"],
            nullable_ids=["region_id", "level_id", "user_id", "product_id", "categ_id"],
            uid=self.env.uid,
        )
        # The coarser summaries condense the fresh rows again, still in SQL.
        cr.execute("DROP TABLE IF EXISTS channel_sale_summary_dealer_fresh")
        cr.execute(
            """
            CREATE TEMPORARY TABLE channel_sale_summary_dealer_fresh ON COMMIT DROP AS
            SELECT month, dealer_id, region_id, level_id, user_id, categ_id, company_id,
                   SUM(amount) AS amount, SUM(qty) AS qty,
                   SUM(order_count) AS order_count, SUM(categ_order_count) AS categ_order_count
              FROM channel_sale_summary_fresh
             GROUP BY month, dealer_id, region_id, level_id, user_id, categ_id, company_id
            """
        )
        _sync_table(
            cr,
            "channel_sale_summary_dealer",
            "channel_sale_summary_dealer_fresh",
            columns=["month", "dealer_id", "company_id", "amount", "qty", "order_count", "categ_order_count"],
            nullable_ids=["region_id", "level_id", "user_id", "categ_id"],
            uid=self.env.uid,
        )
        cr.execute("DROP TABLE IF EXISTS channel_sale_summary_product_fresh")
        cr.execute(
            """
            CREATE TEMPORARY TABLE channel_sale_summary_product_fresh ON COMMIT DROP AS
            SELECT f.month, f.product_id, f.categ_id, f.company_id, SUM(f.amount) AS amount, SUM(f.qty) AS qty
              FROM channel_sale_summary_fresh f
              JOIN res_partner d ON d.id = f.dealer_id
             WHERE d.is_dealer
             GROUP BY f.month, f.product_id, f.categ_id, f.company_id
            """
        )
        _sync_table(
            cr,
            "channel_sale_summary_product",
            "channel_sale_summary_product_fresh",
            columns=["month", "company_id", "amount", "qty"],
            nullable_ids=["product_id", "categ_id"],
            uid=self.env.uid,
        )
        cr.execute("DROP TABLE channel_sale_summary_product_fresh")
        cr.execute("DROP TABLE channel_sale_summary_dealer_fresh")
        cr.execute("DROP TABLE channel_sale_summary_fresh")
        self.invalidate_model()
        self.env["channel.sale.summary.dealer"].invalidate_model()
        self.env["channel.sale.summary.product"].invalidate_model()

    @api.model
    def action_refresh(self):
        """On demand from the dashboard: managers only, the rebuild covers every dealer.

        It runs as a background job (one summary per transaction), out of the request's time
        limits; returns the job's id (its progress shows in the background jobs).
        """
        if not self.env.user.has_group("dealer_base.group_dealer_manager"):
            raise AccessError(_("Only a Dealer Manager can refresh the channel figures."))
        return self.env["res.company"]._channel_analytics_queue_refresh().id

    @api.model
    def _cron_refresh(self):
        self._refresh()
        self.env["channel.payment.summary"]._refresh()


class ChannelSaleSummaryDealer(models.Model):
    """One row per month x dealer x product category x company of confirmed sales.

    Condensed from the product rows in the same refresh: the dashboard reads its totals, trends,
    regions, levels and top dealers here.
    """

    _name = "channel.sale.summary.dealer"
    _description = "Channel Sales Summary by Dealer"
    _order = "month desc, dealer_id, categ_id"
    _rec_name = "dealer_id"

    month = fields.Date(required=True, index=True, readonly=True)
    dealer_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    region_id = fields.Many2one("dealer.region", string="Sales Region", readonly=True)
    level_id = fields.Many2one("dealer.level", string="Dealer Level", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Untaxed Amount", readonly=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    categ_order_count = fields.Integer(string="Orders in Category", readonly=True)


class ChannelSaleSummaryProduct(models.Model):
    """One row per month x product x company of the confirmed sales of every dealer.

    It knows no dealer: the dashboard reads its top products here only for users who see every
    dealer, with no dealer filter; otherwise from the product rows of the user's dealers.
    """

    _name = "channel.sale.summary.product"
    _description = "Channel Sales Summary by Product"
    _order = "month desc, product_id"
    _rec_name = "product_id"

    month = fields.Date(required=True, index=True, readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Untaxed Amount", readonly=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
