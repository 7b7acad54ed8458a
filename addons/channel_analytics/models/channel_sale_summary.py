from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


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
        cr.execute(
            "DROP TABLE IF EXISTS channel_sale_summary_fresh, channel_sale_summary_categ_fresh,"
            " channel_sale_summary_product_fresh"
        )
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
        # The dashboard's coarser summaries come from the same fresh figures.
        cr.execute(
            """
            CREATE TEMPORARY TABLE channel_sale_summary_categ_fresh ON COMMIT DROP AS
            SELECT month, dealer_id, region_id, level_id, user_id, categ_id, company_id,
                   SUM(amount) AS amount, SUM(qty) AS qty,
                   SUM(order_count)::integer AS order_count, SUM(categ_order_count)::integer AS categ_order_count
              FROM channel_sale_summary_fresh
             GROUP BY month, dealer_id, region_id, level_id, user_id, categ_id, company_id
            """
        )
        cr.execute(
            """
            CREATE TEMPORARY TABLE channel_sale_summary_product_fresh ON COMMIT DROP AS
            SELECT f.month, f.product_id, f.categ_id, f.company_id, SUM(f.amount) AS amount, SUM(f.qty) AS qty
              FROM channel_sale_summary_fresh f
              JOIN res_partner d ON d.id = f.dealer_id
             WHERE d.active AND d.is_dealer
             GROUP BY f.month, f.product_id, f.categ_id, f.company_id
            """
        )
        money = ["amount", "qty"]
        ids = ["region_id", "level_id", "user_id", "categ_id"]
        self._sync_rows(
            "channel_sale_summary",
            ["month", "dealer_id", "company_id"],
            [*ids, "product_id"],
            [*money, "order_count", "categ_order_count"],
        )
        self._sync_rows(
            "channel_sale_summary_categ",
            ["month", "dealer_id", "company_id"],
            ids,
            [*money, "order_count", "categ_order_count"],
        )
        self._sync_rows("channel_sale_summary_product", ["month", "company_id"], ["product_id", "categ_id"], money)
        for table in ("channel_sale_summary", "channel_sale_summary_categ", "channel_sale_summary_product"):
            cr.execute(SQL("DROP TABLE %s", SQL.identifier(f"{table}_fresh")))
        self.invalidate_model()
        self.env["channel.sale.summary.categ"].invalidate_model()
        self.env["channel.sale.summary.product"].invalidate_model()

    @api.model
    def _sync_rows(self, table, keys, nullable_keys, values):
        """Make ``table`` hold the rows of its fresh copy ``<table>_fresh``: the rows that no
        longer match are deleted and only new or changed rows are inserted.

        Rows compare on every column; nullable ids as 0, so that PostgreSQL can hash the comparison.
        """
        cr = self.env.cr
        fresh = SQL.identifier(f"{table}_fresh")
        conditions = [SQL("s.%s = f.%s", SQL.identifier(c), SQL.identifier(c)) for c in (*keys, *values)]
        conditions += [
            SQL("COALESCE(s.%s, 0) = COALESCE(f.%s, 0)", SQL.identifier(c), SQL.identifier(c)) for c in nullable_keys
        ]
        same_row = SQL(" AND ").join(conditions)
        cr.execute(
            SQL(
                "DELETE FROM %s s WHERE NOT EXISTS (SELECT 1 FROM %s f WHERE %s)",
                SQL.identifier(table),
                fresh,
                same_row,
            )
        )
        columns = SQL(", ").join(SQL.identifier(c) for c in (*keys, *nullable_keys, *values))
        cr.execute(
            SQL(
                """
                INSERT INTO %(table)s (%(columns)s, create_uid, create_date, write_uid, write_date)
                SELECT %(columns)s, %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM %(fresh)s f
                 WHERE NOT EXISTS (SELECT 1 FROM %(table)s s WHERE %(same_row)s)
                """,
                table=SQL.identifier(table),
                columns=columns,
                uid=self.env.uid,
                fresh=fresh,
                same_row=same_row,
            )
        )

    @api.model
    def action_refresh(self):
        """On demand from the dashboard: managers only, the rebuild covers every dealer."""
        if not self.env.user.has_group("dealer_base.group_dealer_manager"):
            raise AccessError(_("Only a Dealer Manager can refresh the channel figures."))
        self.sudo()._cron_refresh()
        return True

    @api.model
    def _cron_refresh(self):
        self._refresh()
        self.env["channel.payment.summary"]._refresh()


class ChannelSaleSummaryCateg(models.Model):
    """Channel sales by month x dealer x product category: what the dashboard reads."""

    _name = "channel.sale.summary.categ"
    _description = "Channel Sales Summary by Category"
    _order = "month desc, dealer_id, categ_id"
    _rec_name = "dealer_id"

    month = fields.Date(required=True, index=True, readonly=True)
    dealer_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    region_id = fields.Many2one("dealer.region", string="Sales Region", index=True, readonly=True)
    level_id = fields.Many2one("dealer.level", string="Dealer Level", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True, readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(string="Untaxed Amount", readonly=True)
    qty = fields.Float(string="Quantity", digits="Product Unit of Measure", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    categ_order_count = fields.Integer(string="Orders in Category", readonly=True)


class ChannelSaleSummaryProduct(models.Model):
    """Channel sales by month x product of every active dealer: the top products of a sales director."""

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
